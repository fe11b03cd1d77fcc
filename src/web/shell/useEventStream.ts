import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'offline';

const MAX_RETRY_MS = 15_000;

/**
 * Follows a server-sent event stream (null: none) and calls `onChange` for each `event`, and
 * again after every reconnect (events may have been missed while away). The browser retries a
 * dropped stream by itself; when it gives up (the stream was refused), we retry with backoff.
 */
export function useEventStream(url: string | null, event: string, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!url) return;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let everOpened = false;
    let stopped = false;

    const connect = () => {
      setState('connecting');
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => {
        setState('live');
        attempts = 0;
        if (everOpened) changed.current();
        everOpened = true;
      };
      source.addEventListener(event, () => changed.current());
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          setState('offline');
          changed.current(); // a refused stream is often an ended session: the refetch's 401 says so
          const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** attempts++);
          retry = setTimeout(connect, delay);
        } else {
          setState('connecting');
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [url, event]);

  return url ? state : 'offline';
}
