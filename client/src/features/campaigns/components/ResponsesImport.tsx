import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, FilePicker, Progress } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { ValidationIssue } from '../../../lib/api/schema';
import { importResponses } from '../api/campaignsApi';

/** Responses collected elsewhere (paper, another tool) as CSV, XLSX or trame-responses/1 JSON. */
export function ResponsesImport(props: { campaignId: string; onImported: () => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<
    { ok: true; imported: number } | { ok: false; message: string; errors: ValidationIssue[] } | null
  >(null);
  const upload = async (file: File) => {
    setResult(null);
    setProgress(0);
    try {
      const r = await importResponses(props.campaignId, file, setProgress);
      setResult({ ok: true, imported: r.imported });
      props.onImported();
    } catch (e) {
      if (e instanceof ApiError) setResult({ ok: false, message: e.message, errors: e.details });
      else setResult({ ok: false, message: t('common.networkError'), errors: [] });
    } finally {
      setProgress(null);
    }
  };
  return (
    <Card title={t('responsesImport.title')} testId="responses-import">
      <p className="ui-muted">{t('responsesImport.intro')}</p>
      <FilePicker
        label={t('responsesImport.choose')}
        accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={progress !== null}
        testId="responses-file"
        onFile={(f) => void upload(f)}
      />
      {progress !== null && (
        <>
          <Progress value={progress} label={t('responsesImport.progress')} />
          <p className="ui-muted">
            {progress < 1
              ? t('responsesImport.uploading', { pct: Math.round(progress * 100) })
              : t('responsesImport.checking')}
          </p>
        </>
      )}
      {result?.ok && <Alert tone="success">{t('responsesImport.done', { count: result.imported })}</Alert>}
      {result && !result.ok && (
        <Alert tone="error" testId="responses-import-errors">
          <p style={{ margin: 0 }}>{result.message}</p>
          {result.errors.length > 0 && (
            <div className="ui-scroll">
              <table className="ui-table">
                <thead>
                  <tr>
                    <th>{t('responsesImport.row')}</th>
                    <th>{t('responsesImport.column')}</th>
                    <th>{t('responsesImport.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.slice(0, 100).map((er, i) => (
                    <tr key={i}>
                      <td>{er.row ?? '—'}</td>
                      <td>{er.column ?? er.path}</td>
                      <td>{er.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p style={{ margin: '0.5rem 0 0' }}>{t('responsesImport.nothingImported')}</p>
        </Alert>
      )}
    </Card>
  );
}
