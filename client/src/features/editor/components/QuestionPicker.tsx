import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionInfo } from '@trame/shared';
import { Button } from '../../../components/ui/ui';

export interface QuestionOption {
  /** What an indicator names: `q`, or `matrix.row` for a row of a matrix. */
  ref: string;
  title: string;
  page: string;
}

/** The references an indicator can read: every question, and each row of a matrix. */
export function questionOptions(questions: QuestionInfo[], accept: (q: QuestionInfo) => boolean): QuestionOption[] {
  const out: QuestionOption[] = [];
  for (const q of questions) {
    if (!accept(q)) continue;
    if (q.shape === 'matrix' && q.rows?.length) {
      for (const r of q.rows)
        out.push({ ref: `${q.name}.${String(r.value)}`, title: `${q.title} — ${r.text}`, page: q.page });
    } else out.push({ ref: q.name, title: q.title, page: q.page });
  }
  return out;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Pick a question by typing words of its title (or its code); the list shows the matching ones. */
export function QuestionPicker(props: {
  label: string;
  value: string | undefined;
  options: QuestionOption[];
  onChange: (ref: string) => void;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  // Once a question is chosen, the list folds away until the person asks to change it.
  const [open, setOpen] = useState(!props.value);
  const current = props.options.find((o) => o.ref === props.value);
  const matches = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return props.options.filter((o) => {
      const hay = fold(`${o.title} ${o.ref}`);
      return words.every((w) => hay.includes(w));
    });
  }, [query, props.options]);
  return (
    <div className="question-picker">
      <p className="field-label" id={`${id}-label`}>
        {props.label}
      </p>
      <p className="picked" data-testid="picked-question">
        {current ? (
          <>
            <strong>{current.title}</strong> <code>{current.ref}</code>
          </>
        ) : props.value ? (
          <>
            <code>{props.value}</code> <span className="field-issues-inline">{t('framework.unknownQuestion')}</span>
          </>
        ) : (
          <span className="ui-muted">{t('editor.picker.none')}</span>
        )}
      </p>
      {!open && (
        <Button onClick={() => setOpen(true)} aria-expanded={false}>
          {t('editor.picker.change')}
        </Button>
      )}
      {open && (
        <>
          <label className="field">
            <span>{t('editor.picker.search')}</span>
            <input
              className="ui-input"
              type="search"
              value={query}
              aria-invalid={props.invalid || undefined}
              aria-controls={`${id}-list`}
              placeholder={t('editor.picker.placeholder')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <ul className="picker-list" id={`${id}-list`} aria-labelledby={`${id}-label`}>
            {matches.slice(0, 40).map((o) => (
              <li key={o.ref}>
                <button
                  type="button"
                  className={`picker-item ${o.ref === props.value ? 'picker-item--on' : ''}`}
                  aria-pressed={o.ref === props.value}
                  onClick={() => {
                    props.onChange(o.ref);
                    setOpen(false);
                    setQuery('');
                  }}
                >
                  <span>{o.title}</span> <code>{o.ref}</code>
                </button>
              </li>
            ))}
            {matches.length === 0 && <li className="ui-muted">{t('editor.picker.noMatch')}</li>}
            {matches.length > 40 && (
              <li className="ui-muted">{t('editor.picker.more', { count: matches.length - 40 })}</li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}
