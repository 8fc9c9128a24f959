import type { BusinessTypeSummary } from '@contract';
import { create } from 'zustand';
import { toApiError, type ApiError } from '@/shared/api';
import { fetchCatalogue } from './api';

export type CatalogueStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface CatalogueState {
  status: CatalogueStatus;
  items: BusinessTypeSummary[];
  catalogueVersion: number | null;
  error: ApiError | null;
  /** loads once; concurrent calls share the request */
  load(): Promise<void>;
  /** fetches again (pull-down, 重试), keeping the list on screen until the answer */
  reload(): Promise<void>;
}

const initial = {
  status: 'idle' as CatalogueStatus,
  items: [] as BusinessTypeSummary[],
  catalogueVersion: null as number | null,
  error: null as ApiError | null,
};

let inFlight: Promise<void> | null = null;

export const useCatalogue = create<CatalogueState>()((set, get) => {
  const run = () =>
    (inFlight ??= (async () => {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const res = await fetchCatalogue();
        set({
          status: 'ready',
          items: res.items,
          catalogueVersion: res.catalogueVersion,
          error: null,
        });
      } catch (e) {
        set({ status: 'error', error: toApiError(e) });
      } finally {
        inFlight = null;
      }
    })());
  return {
    ...initial,
    load: () => (get().status === 'idle' ? run() : (inFlight ?? Promise.resolve())),
    reload: run,
  };
});

/** Back to the first state (tests). */
export function resetCatalogue(): void {
  inFlight = null;
  useCatalogue.setState(initial);
}
