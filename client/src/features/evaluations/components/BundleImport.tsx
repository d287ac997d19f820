import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBundle, type ValidationIssue } from '@trame/shared';
import { Alert, Button, FilePicker } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { importBundle, importDesignFile } from '../api/evaluationsApi';

/** A spreadsheet: a design workbook or an XLSForm (KoboToolbox, ODK), read by the server. */
const isWorkbook = (file: File) => /\.(xlsx|xlsm|xls)$/i.test(file.name);

/**
 * Import an evaluation by drag and drop or file picker: a `trame-bundle/1` file, checked in the browser with
 * the shared validator first (errors by path, in French, nothing sent), then validated again and stored
 * atomically by the server; or a design workbook / XLSForm, read by the server, which lists by sheet, row
 * and column what it refused, or what it could not carry over (shown before the evaluation is opened).
 */
export function BundleImport(props: { onImported: (id: string) => void }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  /** Imported with warnings: what the file had that could not be carried over, before opening it. */
  const [imported, setImported] = useState<{ id: string; warnings: ValidationIssue[] } | null>(null);

  const handle = async (file: File) => {
    setErrors([]);
    setMessage(null);
    setImported(null);
    setBusy(true);
    try {
      if (isWorkbook(file)) {
        const created = await importDesignFile(file);
        if (created.warnings.length === 0) props.onImported(String(created.id));
        else setImported({ id: String(created.id), warnings: created.warnings });
        return;
      }
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
          accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          testId="bundle-file"
          onFile={(f) => void handle(f)}
        />
      </div>
      {imported && (
        <Alert tone="warning" testId="import-warnings">
          <p style={{ margin: 0 }}>{t('evaluations.import.warnings', { count: imported.warnings.length })}</p>
          <ul className="error-list">
            {imported.warnings.slice(0, 50).map((w, i) => (
              <li key={i}>
                <code>{w.path}</code> : {w.message}
              </li>
            ))}
            {imported.warnings.length > 50 && (
              <li>{t('evaluations.import.more', { count: imported.warnings.length - 50 })}</li>
            )}
          </ul>
          <Button variant="primary" onClick={() => props.onImported(imported.id)}>
            {t('evaluations.import.open')}
          </Button>
        </Alert>
      )}
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
