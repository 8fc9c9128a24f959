import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/shared/api';

export interface AsyncState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  set(data: T): void;
}

/** Loads `fn` when `key` changes (null key: nothing); errors are ApiErrors. */
export function useAsync<T>(fn: () => Promise<T>, key: string | null): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null);
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
    if (key !== null) run();
  }, [key, run]);
  return { data, error, loading, reload: run, set: setData };
}
