import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { putInternalDatum, type EvaluationDetail } from '../api/evaluationsApi';

type Datum = EvaluationDetail['internalData'][number];

function parseNumber(s: string): number | null {
  const n = Number(s.replace(/\s|\u202f|\u00a0/g, '').replace(',', '.'));
  return s.trim() === '' || Number.isNaN(n) ? null : n;
}

function Row(props: { evaluationId: string; datum: Datum; onSaved: () => void }) {
  const { t } = useTranslation();
  const d = props.datum;
  const [value, setValue] = useState(String(d.value));
  const [period, setPeriod] = useState(d.period ?? '');
  const [source, setSource] = useState(d.source ?? '');
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const dirty = value !== String(d.value) || period !== (d.period ?? '') || source !== (d.source ?? '');
  const save = async () => {
    const n = parseNumber(value);
    if (n === null) {
      setState({ kind: 'error', message: t('internal.notNumber') });
      return;
    }
    setState({ kind: 'saving' });
    try {
      await putInternalDatum(props.evaluationId, d.code, { value: n, period: period || null, source: source || null });
      setState({ kind: 'saved' });
      props.onSaved();
    } catch (e) {
      setState({
        kind: 'error',
        message:
          e instanceof ApiError
            ? [e.message, ...e.details.map((x) => `${x.path} : ${x.message}`)].join(' — ')
            : t('common.networkError'),
      });
    }
  };
  const id = `internal-${d.code}`;
  return (
    <tr data-testid={id}>
      <th scope="row">
        {d.label}
        <div className="ui-muted">
          <code>{d.code}</code>
          {d.unit ? ` · ${d.unit}` : ''}
        </div>
      </th>
      <td>
        <input
          className="ui-input num-input"
          aria-label={t('internal.value')}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </td>
      <td>
        <input
          className="ui-input"
          aria-label={t('internal.period')}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        />
      </td>
      <td>
        <input
          className="ui-input"
          aria-label={t('internal.source')}
          value={source}
          placeholder={t('internal.sourcePlaceholder')}
          onChange={(e) => setSource(e.target.value)}
        />
      </td>
      <td>
        <Button onClick={() => void save()} disabled={!dirty || state.kind === 'saving'}>
          {t('common.save')}
        </Button>
        {state.kind === 'saved' && !dirty && <span className="ui-muted"> ✓ {t('common.saved')}</span>}
        {state.kind === 'error' && <Alert tone="error">{state.message}</Alert>}
      </td>
    </tr>
  );
}

export function InternalDataEditor(props: { evaluation: EvaluationDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('internal.title')} testId="internal-data">
      <p className="ui-muted">{t('internal.intro')}</p>
      <div className="ui-scroll">
        <table className="ui-table internal-table">
          <thead>
            <tr>
              <th>{t('internal.label')}</th>
              <th>{t('internal.value')}</th>
              <th>{t('internal.period')}</th>
              <th>{t('internal.source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.evaluation.internalData.map((d) => (
              <Row key={d.code} evaluationId={String(props.evaluation.id)} datum={d} onSaved={props.onSaved} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
