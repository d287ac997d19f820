import { useSyncExternalStore } from 'react';
import { submissionQueue, type QueueState } from '../api/submissionQueue';

export function useQueueState(): QueueState {
  const q = submissionQueue();
  return useSyncExternalStore(
    (fn) => q.subscribe(fn),
    () => q.getState(),
  );
}
