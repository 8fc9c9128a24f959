import type { MyUnit, MyUnitsResponse, UnitRecordResponse } from '@contract';
import { getApiClient } from '@/shared/api';

export async function fetchMyUnits(): Promise<MyUnit[]> {
  return (await getApiClient().get<MyUnitsResponse>('/me/units')).data.items;
}

/** Needs a face check less than 5 minutes old: the API client runs it on STEP_UP_REQUIRED. */
export async function fetchUnitRecord(unitCode: string): Promise<UnitRecordResponse> {
  return (
    await getApiClient().get<UnitRecordResponse>(`/me/units/${encodeURIComponent(unitCode)}/record`)
  ).data;
}
