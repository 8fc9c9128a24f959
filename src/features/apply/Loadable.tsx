import type { ReactNode } from 'react';
import { StateView } from '@/shared/ui';
import type { AsyncState } from './useAsync';

/** loading / error / offline around content that needs `state.data` */
export function Loadable<T>({
  state,
  loadingText,
  children,
}: {
  state: AsyncState<T>;
  loadingText: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) {
    return (
      <StateView
        variant={state.error.code === 'OFFLINE' ? 'offline' : 'error'}
        message={state.error.message}
        onRetry={state.reload}
      />
    );
  }
  if (state.loading || state.data === null)
    return <StateView variant="loading" message={loadingText} />;
  return <>{children(state.data)}</>;
}
