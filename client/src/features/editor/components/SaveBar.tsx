import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../../components/ui/ui';
import { useDesign } from '../hooks/useDesign';
import { describePath } from '../model/paths';

/** Save the whole design; what went wrong (someone else saved first, problems by place) said here. */
export function SaveBar() {
  const { t } = useTranslation();
  const { dirty, save, saveState, reload, issues, draft, select } = useDesign();
  const saving = saveState.kind === 'saving';
  return (
    <div className="save-bar" data-testid="save-bar">
      <div className="save-bar-row">
        <Button variant="primary" disabled={!dirty || saving} onClick={() => void save()}>
          {saving ? t('editor.saving') : t('editor.save')}
        </Button>
        <span className="ui-muted" role="status" data-testid="save-status">
          {saveState.kind === 'saved' && !dirty
            ? saveState.newVersion
              ? t('editor.savedNewVersion')
              : t('editor.saved')
            : dirty
              ? t('editor.unsaved')
              : t('editor.upToDate')}
          {issues.length > 0 && ` · ${t('editor.problems', { count: issues.length })}`}
        </span>
      </div>
      {saveState.kind === 'conflict' && (
        <Alert tone="error" testId="save-conflict">
          <p className="alert-p">{t('editor.conflict')}</p>
          <Button
            onClick={() => {
              if (!dirty || window.confirm(t('editor.reloadConfirm'))) reload();
            }}
          >
            {t('editor.reload')}
          </Button>
        </Alert>
      )}
      {saveState.kind === 'error' && <Alert tone="error">{saveState.message || t('common.networkError')}</Alert>}
      {issues.length > 0 && draft && (
        <details className="issues-list" open={saveState.kind === 'invalid'} data-testid="save-errors">
          <summary>
            {saveState.kind === 'invalid'
              ? t('editor.refused', { count: issues.length })
              : t('editor.toFix', { count: issues.length })}
          </summary>
          <ul>
            {issues.slice(0, 50).map((i, k) => {
              const where = describePath(draft, i.path, t);
              return (
                <li key={k}>
                  <strong>{where.label}</strong> : {i.message}{' '}
                  {where.indicator && (
                    <Button variant="ghost" onClick={() => select(where.indicator!)}>
                      {t('editor.openIndicator')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </div>
  );
}
