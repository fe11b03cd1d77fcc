import { useCallback, useEffect, useRef, useState } from 'react';

export interface FetchState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for `key` (null: nothing to load) and reloads when the key changes; the previous
 * request is aborted so a slow answer never overwrites a newer one.
 */
export function useFetch<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): FetchState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shownKey = useRef(key);

  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const ctrl = new AbortController();
    // A reload keeps showing the current data; another key (another list) must not show the old one.
    const sameKey = shownKey.current === key;
    shownKey.current = key;
    setState((s) => ({ data: sameKey ? s.data : undefined, loading: true }));
    loadRef.current(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !ctrl.signal.aborted && error.name !== 'AbortError' && setState({ error, loading: false }),
    );
    return () => ctrl.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A value that follows `value` after it has stayed unchanged for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return current;
}
