import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/ui';
import { move, slugify, uniqueCode } from '../model/codes';
import type { ChoiceItem } from '../model/questions';

/**
 * Answers of a question (or rows of a matrix): a label, and the code stored in the responses, made from
 * the label (lowercase ASCII, underscores, unique) until it is edited by hand.
 */
export function ChoicesEditor(props: {
  legend: string;
  items: ChoiceItem[];
  onChange: (items: ChoiceItem[]) => void;
  addLabel: string;
  /** Codes the editor must not give (the "Je ne sais pas" code is managed by its toggle). */
  reserved?: string[];
  /** Codes of the saved questionnaire: answers may already be stored under them, so they never change by themselves. */
  saved?: Set<string>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const items = props.items;
  const others = (i: number) => [...items.filter((_, k) => k !== i).map((c) => c.value), ...(props.reserved ?? [])];
  const setLabel = (i: number, text: string) => {
    const cur = items[i]!;
    // The code follows the label while it is the one the label made.
    const follows =
      !props.saved?.has(cur.value) && (cur.value === '' || cur.value === uniqueCode(slugify(cur.text), others(i)));
    const value = follows ? uniqueCode(slugify(text), others(i)) : cur.value;
    props.onChange(items.map((c, k) => (k === i ? { value, text } : c)));
  };
  const setCode = (i: number, raw: string) => {
    const value = raw.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    props.onChange(items.map((c, k) => (k === i ? { ...c, value } : c)));
  };
  const duplicates = new Set(items.map((c) => c.value).filter((v, i, a) => a.indexOf(v) !== i));
  return (
    <fieldset className="field choices" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {items.length === 0 && <p className="ui-muted">{t('editor.choices.empty')}</p>}
      <ol className="choice-list">
        {items.map((c, i) => (
          <li key={i} className="choice-row">
            <label className="field grow">
              <span>{t('editor.choices.label', { n: i + 1 })}</span>
              <input className="ui-input" value={c.text} onChange={(e) => setLabel(i, e.target.value)} />
            </label>
            <label className="field">
              <span>{t('editor.choices.code')}</span>
              <input
                className="ui-input code-input mono"
                value={c.value}
                aria-invalid={duplicates.has(c.value) || c.value === '' || undefined}
                onChange={(e) => setCode(i, e.target.value)}
              />
            </label>
            <span className="item-actions">
              <Button
                variant="ghost"
                disabled={i === 0}
                aria-label={t('editor.moveUpNamed', { name: c.text || c.value })}
                onClick={() => props.onChange(move(items, i, -1))}
              >
                ↑
              </Button>
              <Button
                variant="ghost"
                disabled={i === items.length - 1}
                aria-label={t('editor.moveDownNamed', { name: c.text || c.value })}
                onClick={() => props.onChange(move(items, i, 1))}
              >
                ↓
              </Button>
              <Button
                variant="danger"
                aria-label={t('editor.deleteNamed', { name: c.text || c.value })}
                onClick={() => props.onChange(items.filter((_, k) => k !== i))}
              >
                {t('common.delete')}
              </Button>
            </span>
            {(duplicates.has(c.value) || c.value === '') && (
              <p className="field-issues" role="alert">
                {c.value === '' ? t('editor.choices.codeMissing') : t('editor.choices.codeTaken')}
              </p>
            )}
          </li>
        ))}
      </ol>
      <Button
        onClick={() =>
          props.onChange([
            ...items,
            { value: uniqueCode(slugify(''), [...items.map((c) => c.value), ...(props.reserved ?? [])]), text: '' },
          ])
        }
      >
        + {props.addLabel}
      </Button>
    </fieldset>
  );
}
