import { api } from '../api.js';
import { useEventStream, type LiveState } from '../shell/useEventStream.js';

export type { LiveState };

/** Follows `/api/worklist/stream` for a role and calls `onChange` for each `worklist` event (and after a reconnect). */
export function useWorklistStream(role: string | null, onChange: () => void): LiveState {
  return useEventStream(role ? api.worklistStreamUrl(role) : null, 'worklist', onChange);
}
