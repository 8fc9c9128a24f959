import type { CatalogueResponse } from '@contract';
import { getApiClient } from '@/shared/api';

/** GET /api/v1/catalogue: the business types a citizen can apply for. Rejects with ApiError. */
export async function fetchCatalogue(): Promise<CatalogueResponse> {
  const res = await getApiClient().get<CatalogueResponse>('/catalogue');
  return res.data;
}
