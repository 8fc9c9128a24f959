import type { MyUnit } from '@contract';
import { create } from 'zustand';
import { toApiError, type ApiError } from '@/shared/api';
import { fetchMyUnits } from './api';

export interface MyUnitsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: MyUnit[];
  error: ApiError | null;
  load(): Promise<void>;
  reset(): void;
}

const initial = { status: 'idle' as const, items: [] as MyUnit[], error: null };

export const useMyUnits = create<MyUnitsState>()((set) => ({
  ...initial,
  async load() {
    set({ status: 'loading', error: null });
    try {
      set({ status: 'ready', items: await fetchMyUnits() });
    } catch (e) {
      set({ status: 'error', error: toApiError(e) });
    }
  },
  reset: () => set(initial),
}));
