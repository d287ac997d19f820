import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Spinner } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { useAsync } from '../../../lib/useAsync';
import { createFromTemplate, listTemplates, type EvaluationTemplate } from '../api/evaluationsApi';

/** "Nouvelle évaluation": a title, a description and a starting point (blank, or the Coop'Art structure). */
export function NewEvaluation(props: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const templates = useAsync((s) => listTemplates(s), []);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [template, setTemplate] = useState<EvaluationTemplate['id']>('blank');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('newEvaluation.titleMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createFromTemplate({
        title: title.trim(),
        template,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      props.onCreated(String(created.id));
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...err.details.map((d) => `${d.path} : ${d.message}`)].join(' — ')
          : t('common.networkError'),
      );
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <Button variant="primary" onClick={() => setOpen(true)} aria-expanded={false}>
        {t('newEvaluation.open')}
      </Button>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="form-stack" data-testid="new-evaluation" noValidate>
      <label className="field">
        <span>{t('newEvaluation.title')}</span>
        <input
          className="ui-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('newEvaluation.titlePlaceholder')}
          required
          autoFocus
        />
      </label>
      <label className="field">
        <span>{t('newEvaluation.description')}</span>
        <textarea className="ui-input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset className="field">
        <legend>{t('newEvaluation.template')}</legend>
        {templates.status === 'loading' && <Spinner label={t('common.loading')} />}
        {templates.status === 'error' && <Alert tone="error">{t('common.loadError')}</Alert>}
        {templates.data?.map((tp) => (
          <label key={tp.id} className="choice-card">
            <input
              type="radio"
              name="template"
              value={tp.id}
              checked={template === tp.id}
              onChange={() => setTemplate(tp.id)}
            />
            <span>
              <strong>{tp.title}</strong>
              <br />
              <span className="ui-muted">{tp.description}</span>
              <br />
              <span className="ui-muted">
                {t('evaluations.counts.dimensions', { count: tp.counts.dimensions })} ·{' '}
                {t('evaluations.counts.criteria', { count: tp.counts.criteria })} ·{' '}
                {t('evaluations.counts.indicators', { count: tp.counts.indicators })}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="row-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('newEvaluation.creating') : t('newEvaluation.create')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
