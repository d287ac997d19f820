import { useAsync } from '../../../lib/useAsync';
import { getEvaluation, listEvaluations } from '../api/evaluationsApi';

export const useEvaluations = () => useAsync((s) => listEvaluations(s), []);
export const useEvaluation = (id: string) => useAsync((s) => getEvaluation(id, s), [id]);
