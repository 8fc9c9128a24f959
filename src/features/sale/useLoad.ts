import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';

export interface LoadState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  set(data: T): void;
}

/** Loads `fn` when `key` changes; errors are ApiErrors; a stale answer is dropped. */
export function useLoad<T>(fn: () => Promise<T>, key: string): LoadState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const seq = useRef(0);
  const run = useCallback(() => {
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    fnRef.current().then(
      (d) => {
        if (my !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (my !== seq.current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
  }, []);
  useEffect(() => {
    run();
  }, [key, run]);
  return { data, error, loading, reload: run, set: setData };
}
