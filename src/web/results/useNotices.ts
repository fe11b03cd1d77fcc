import { useCallback } from 'react';
import { useEventStream, type LiveState } from '../shell/useEventStream.js';
import { useFetch, type FetchState } from '../shell/useFetch.js';
import { resultsApi } from './api.js';
import type { NoticeList } from './models.js';

/** The signed-in person's notices (open or all), kept current by the notices stream. */
export function useNotices(status: 'open' | 'all', enabled = true): FetchState<NoticeList> & { live: LiveState } {
  const list = useFetch(enabled ? `notices:${status}` : null, (signal) => resultsApi.notices(status, signal));
  const { reload } = list;
  const onChange = useCallback(() => reload(), [reload]);
  const live = useEventStream(enabled ? resultsApi.streamUrl() : null, 'notice', onChange);
  return { ...list, live };
}
