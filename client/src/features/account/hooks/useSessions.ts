import { useAsync } from '../../../lib/useAsync';
import { listSessions } from '../api/accountApi';

export const useSessions = () => useAsync((s) => listSessions(s), []);
