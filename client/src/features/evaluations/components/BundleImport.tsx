import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBundle, type ValidationIssue } from '@trame/shared';
import { Alert, FilePicker } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { importBundle } from '../api/evaluationsApi';

/**
 * Import a `trame-bundle/1` file by drag and drop or file picker. The file is checked in the browser with
 * the shared validator first (errors by path, in French, nothing sent), then the server validates again
 * and stores it atomically.
 */
export function BundleImport(props: { onImported: (id: string) => void }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const handle = async (file: File) => {
    setErrors([]);
    setMessage(null);
    setBusy(true);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        setMessage(t('evaluations.import.notJson', { name: file.name }));
        return;
      }
      const local = parseBundle(doc);
      if (!local.ok) {
        setMessage(t('evaluations.import.invalid', { count: local.errors.length }));
        setErrors(local.errors);
        return;
      }
      // What the server stores is what parseBundle gives, there as here.
      const created = await importBundle(local.value.bundle);
      props.onImported(String(created.id));
    } catch (e) {
      if (e instanceof ApiError) {
        setMessage(e.status === 422 ? t('evaluations.import.invalid', { count: e.details.length }) : e.message);
        setErrors(e.details);
      } else setMessage(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void handle(file);
  };

  return (
    <div>
      <div
        className={`dropzone ${over ? 'dropzone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="bundle-dropzone"
      >
        <p>{t('evaluations.import.drop')}</p>
        <FilePicker
          variant="primary"
          label={busy ? t('evaluations.import.busy') : t('evaluations.import.choose')}
          accept=".json,application/json"
          disabled={busy}
          testId="bundle-file"
          onFile={(f) => void handle(f)}
        />
      </div>
      {message && (
        <Alert tone="error" testId="bundle-errors">
          <p style={{ margin: 0 }}>{message}</p>
          {errors.length > 0 && (
            <ul className="error-list">
              {errors.slice(0, 50).map((er, i) => (
                <li key={i}>
                  <code>{er.path}</code> : {er.message}
                </li>
              ))}
              {errors.length > 50 && <li>{t('evaluations.import.more', { count: errors.length - 50 })}</li>}
            </ul>
          )}
        </Alert>
      )}
    </div>
  );
}
