import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/ui';

export function StatusBadge(props: { status?: string }) {
  const { t } = useTranslation();
  const s = props.status ?? 'draft';
  const tone = s === 'open' ? 'ok' : s === 'closed' ? 'muted' : 'warn';
  return (
    <Badge tone={tone}>
      <span data-testid="campaign-status">{t(`campaigns.status.${s}`, { defaultValue: s })}</span>
    </Badge>
  );
}
