import { create } from 'zustand';

/**
 * The identity the user typed on the login page, kept in memory only (never stored) for the
 * face page that follows, and for 浙里办's step-up which needs the full name and number.
 */
export interface ClaimState {
  name: string;
  idNumber: string;
  consented: boolean;
  setClaim(claim: { name: string; idNumber: string; consented: boolean }): void;
  clear(): void;
}

export const useClaim = create<ClaimState>()((set) => ({
  name: '',
  idNumber: '',
  consented: false,
  setClaim: (c) => set(c),
  clear: () => set({ name: '', idNumber: '', consented: false }),
}));
