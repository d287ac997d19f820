import type { ValidationIssue } from '@trame/shared';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/ui';

/** The problems the validator found at one field, shown under it and announced. */
export function FieldIssues(props: { issues: ValidationIssue[]; id?: string }) {
  if (props.issues.length === 0) return null;
  return (
    <div role="alert" id={props.id}>
      <ul className="field-issues">
        {props.issues.map((i, k) => (
          <li key={k}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Monter / Descendre / Supprimer for an item of a list, named after it for screen readers. */
export function ItemActions(props: {
  name: string;
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onDelete: () => void;
  deleteConfirm: string;
}) {
  const { t } = useTranslation();
  // Keyboard users keep their place: after a move, focus follows the item to its new position (its
  // other arrow when this one is now disabled, at the top or the bottom).
  const moveAndFollow = (delta: number) => {
    props.onMove(delta);
    const labels = [
      t(delta < 0 ? 'editor.moveUpNamed' : 'editor.moveDownNamed', { name: props.name }),
      t(delta < 0 ? 'editor.moveDownNamed' : 'editor.moveUpNamed', { name: props.name }),
    ];
    requestAnimationFrame(() => {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[aria-label]')];
      for (const label of labels) {
        const b = buttons.find((x) => x.getAttribute('aria-label') === label && !x.disabled);
        if (b) return b.focus();
      }
    });
  };
  return (
    <span className="item-actions">
      <Button
        variant="ghost"
        disabled={props.index === 0}
        aria-label={t('editor.moveUpNamed', { name: props.name })}
        title={t('editor.moveUp')}
        onClick={() => moveAndFollow(-1)}
      >
        ↑ <span className="btn-text">{t('editor.moveUp')}</span>
      </Button>
      <Button
        variant="ghost"
        disabled={props.index === props.count - 1}
        aria-label={t('editor.moveDownNamed', { name: props.name })}
        title={t('editor.moveDown')}
        onClick={() => moveAndFollow(1)}
      >
        ↓ <span className="btn-text">{t('editor.moveDown')}</span>
      </Button>
      <Button
        variant="danger"
        aria-label={t('editor.deleteNamed', { name: props.name })}
        onClick={() => window.confirm(props.deleteConfirm) && props.onDelete()}
      >
        {t('common.delete')}
      </Button>
    </span>
  );
}
