import type {
  PresentationResponse,
  PresentationView,
  WalletItem,
  WalletItemDetail,
  WalletResponse,
} from '@contract';
import { getApiClient } from '@/shared/api';

export async function fetchWallet(): Promise<WalletItem[]> {
  return (await getApiClient().get<WalletResponse>('/me/wallet')).data.items;
}

export async function fetchWalletItem(id: string): Promise<WalletItemDetail> {
  return (await getApiClient().get<WalletItemDetail>(`/me/wallet/${encodeURIComponent(id)}`)).data;
}

/** Needs a face check less than 5 minutes old: the API client runs it on STEP_UP_REQUIRED. */
export async function createPresentation(
  id: string,
  view: PresentationView,
): Promise<PresentationResponse> {
  return (
    await getApiClient().post<PresentationResponse>(
      `/me/wallet/${encodeURIComponent(id)}/presentations`,
      { view },
    )
  ).data;
}

export async function requestHoldingsProof(): Promise<WalletItem> {
  return (await getApiClient().post<WalletItem>('/me/holdings-proofs', {})).data;
}
