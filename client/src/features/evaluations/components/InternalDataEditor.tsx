import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { EvaluationDesign } from '../../../lib/api/schema';
import {
  createInternalDatum,
  deleteInternalDatum,
  patchInternalDatum,
  type EvaluationDetail,
} from '../api/evaluationsApi';

type Datum = EvaluationDetail['internalData'][number];

function parseNumber(s: string): number | null {
  const n = Number(s.replace(/\s|\u202f|\u00a0/g, '').replace(',', '.'));
  return s.trim() === '' || Number.isNaN(n) ? null : n;
}

/** A code from a label: lowercase ASCII, underscores ("Heures bénévoles" → "heures_benevoles"). */
function codeFrom(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'donnee';
  let code = base;
  for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
  return code;
}

function messageOf(e: unknown, fallback: string): string {
  if (!(e instanceof ApiError)) return fallback;
  return [e.message, ...e.details.map((x) => x.message)].join(' — ');
}

function Row(props: { evaluationId: string; datum: Datum; onDesign: (d: EvaluationDesign) => void }) {
  const { t } = useTranslation();
  const d = props.datum;
  const [label, setLabel] = useState(d.label);
  const [unit, setUnit] = useState(d.unit ?? '');
  const [value, setValue] = useState(String(d.value));
  const [period, setPeriod] = useState(d.period ?? '');
  const [source, setSource] = useState(d.source ?? '');
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const dirty =
    label !== d.label ||
    unit !== (d.unit ?? '') ||
    value !== String(d.value) ||
    period !== (d.period ?? '') ||
    source !== (d.source ?? '');
  const save = async () => {
    const n = parseNumber(value);
    if (n === null) {
      setState({ kind: 'error', message: t('internal.notNumber') });
      return;
    }
    if (!label.trim()) {
      setState({ kind: 'error', message: t('internal.labelMissing') });
      return;
    }
    setState({ kind: 'saving' });
    try {
      const design = await patchInternalDatum(props.evaluationId, d.code, {
        label: label.trim(),
        unit: unit.trim() || null,
        value: n,
        period: period || null,
        source: source || null,
      });
      setState({ kind: 'saved' });
      props.onDesign(design);
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e, t('common.networkError')) });
    }
  };
  const remove = async () => {
    if (!window.confirm(t('internal.deleteConfirm', { label: d.label }))) return;
    setState({ kind: 'saving' });
    try {
      props.onDesign(await deleteInternalDatum(props.evaluationId, d.code));
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e, t('common.networkError')) });
    }
  };
  const id = `internal-${d.code}`;
  return (
    <tr data-testid={id}>
      <th scope="row">
        <input
          className="ui-input"
          aria-label={t('internal.labelOf', { code: d.code })}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <div className="ui-muted">
          <code>{d.code}</code>
        </div>
      </th>
      <td data-label={t('internal.value')}>
        <input
          className="ui-input num-input"
          aria-label={t('internal.value')}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </td>
      <td data-label={t('internal.unit')}>
        <input
          className="ui-input unit-input"
          aria-label={t('internal.unit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
        />
      </td>
      <td data-label={t('internal.period')}>
        <input
          className="ui-input"
          aria-label={t('internal.period')}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        />
      </td>
      <td data-label={t('internal.source')}>
        <input
          className="ui-input"
          aria-label={t('internal.source')}
          value={source}
          placeholder={t('internal.sourcePlaceholder')}
          onChange={(e) => setSource(e.target.value)}
        />
      </td>
      <td className="row-actions">
        <Button onClick={() => void save()} disabled={!dirty || state.kind === 'saving'}>
          {t('common.save')}
        </Button>
        <Button
          variant="danger"
          aria-label={t('internal.deleteNamed', { label: d.label })}
          onClick={() => void remove()}
          disabled={state.kind === 'saving'}
        >
          {t('common.delete')}
        </Button>
        {state.kind === 'saved' && !dirty && <span className="ui-muted"> ✓ {t('common.saved')}</span>}
        {state.kind === 'error' && <Alert tone="error">{state.message}</Alert>}
      </td>
    </tr>
  );
}

function AddDatum(props: { evaluationId: string; taken: Set<string>; onDesign: (d: EvaluationDesign) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = parseNumber(value);
    if (!label.trim()) return setError(t('internal.labelMissing'));
    if (n === null) return setError(t('internal.notNumber'));
    setBusy(true);
    setError(null);
    try {
      const design = await createInternalDatum(props.evaluationId, {
        code: codeFrom(label, props.taken),
        label: label.trim(),
        value: n,
        ...(unit.trim() ? { unit: unit.trim() } : {}),
      });
      setLabel('');
      setValue('');
      setUnit('');
      props.onDesign(design);
    } catch (err) {
      setError(messageOf(err, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate data-testid="internal-add">
      <h3>{t('internal.addTitle')}</h3>
      <label className="field">
        <span>{t('internal.label')}</span>
        <input
          className="ui-input"
          value={label}
          placeholder={t('internal.labelPlaceholder')}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('internal.value')}</span>
        <input
          className="ui-input num-input"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('internal.unit')}</span>
        <input
          className="ui-input unit-input"
          value={unit}
          placeholder={t('internal.unitPlaceholder')}
          onChange={(e) => setUnit(e.target.value)}
        />
      </label>
      <Button type="submit" variant="primary" disabled={busy}>
        {t('internal.add')}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}

export function InternalDataEditor(props: {
  evaluation: EvaluationDetail;
  /** The design as the change left it (every internal-data route answers with it). */
  onDesign: (design: EvaluationDesign) => void;
}) {
  const { t } = useTranslation();
  const data = props.evaluation.internalData;
  const id = String(props.evaluation.id);
  return (
    <Card title={t('internal.title')} testId="internal-data">
      <p className="ui-muted">{t('internal.intro')}</p>
      {data.length === 0 ? (
        <p className="ui-muted">{t('internal.empty')}</p>
      ) : (
        <div className="ui-scroll">
          <table className="ui-table internal-table">
            <thead>
              <tr>
                <th>{t('internal.label')}</th>
                <th>{t('internal.value')}</th>
                <th>{t('internal.unit')}</th>
                <th>{t('internal.period')}</th>
                <th>{t('internal.source')}</th>
                <th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <Row key={d.code} evaluationId={id} datum={d} onDesign={props.onDesign} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddDatum evaluationId={id} taken={new Set(data.map((d) => d.code))} onDesign={props.onDesign} />
    </Card>
  );
}
