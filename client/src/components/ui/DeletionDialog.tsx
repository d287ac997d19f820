import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api/client';
import type { DeletionCounts } from '../../lib/api/schema';
import { Alert, Button } from './ui';

/**
 * Deleting something that may hold responses. The first call is made without a confirmation: the server
 * deletes at once when nothing was collected, else answers 409 with the counts of what would go, which are
 * shown here; the person then types the number of responses, as the server asks (`?confirm=`).
 */
export function DeletionDialog(props: {
  buttonLabel: string;
  title: string;
  intro: string;
  remove: (confirm?: string) => Promise<unknown>;
  onDeleted: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [counts, setCounts] = useState<DeletionCounts | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    setCounts(null);
    setTyped('');
    setError(null);
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.remove(counts ? counts.confirm : undefined);
      close();
      props.onDeleted();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.details && 'confirm' in e.body.details) {
        if (counts && e.code === 'CONFIRMATION_STALE') setError(t('deletion.stale'));
        setCounts(e.body.details as unknown as DeletionCounts);
        setTyped('');
      } else setError(e instanceof ApiError ? e.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const total = counts ? counts.responses.complete + counts.responses.partial : 0;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.buttonLabel}
      </Button>
      <dialog ref={ref} className="ui-dialog" aria-labelledby="deletion-title" onClose={close}>
        <h2 id="deletion-title">{props.title}</h2>
        <p>{props.intro}</p>
        {counts && (
          <div data-testid="deletion-counts">
            <p>
              <strong>{t('deletion.whatGoes')}</strong>
            </p>
            <ul>
              {counts.campaigns > 0 && <li>{t('deletion.campaigns', { count: counts.campaigns })}</li>}
              <li>{t('deletion.complete', { count: counts.responses.complete })}</li>
              {counts.responses.partial > 0 && <li>{t('deletion.partial', { count: counts.responses.partial })}</li>}
              {counts.invitations > 0 && <li>{t('deletion.invitations', { count: counts.invitations })}</li>}
            </ul>
            <label className="field">
              <span>{t('deletion.typeToConfirm', { confirm: counts.confirm, count: total })}</span>
              <input
                className="ui-input"
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </label>
          </div>
        )}
        {!counts && <p className="ui-muted">{t('deletion.definitive')}</p>}
        {error && <Alert tone="error">{error}</Alert>}
        <div className="dialog-actions">
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            variant="danger"
            disabled={busy || (counts !== null && typed.trim() !== counts.confirm)}
            onClick={() => void run()}
          >
            {counts ? t('deletion.confirmButton') : t('deletion.button')}
          </Button>
        </div>
      </dialog>
    </>
  );
}
