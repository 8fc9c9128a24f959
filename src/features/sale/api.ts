import type {
  CaseDetail,
  ContractResponse,
  ContractTermsBody,
  TaxPaymentBody,
  TaxResponse,
  UtilitiesBody,
  UtilitiesResponse,
} from '@contract';
import { getApiClient } from '@/shared/api';

const api = () => getApiClient();
const enc = encodeURIComponent;

export async function fetchContract(caseId: string): Promise<ContractResponse> {
  return (await api().get<ContractResponse>(`/cases/${enc(caseId)}/contract`)).data;
}
export async function saveContract(
  caseId: string,
  body: ContractTermsBody,
): Promise<ContractResponse> {
  return (await api().put<ContractResponse>(`/cases/${enc(caseId)}/contract`, body)).data;
}
export async function fetchTax(caseId: string): Promise<TaxResponse> {
  return (await api().get<TaxResponse>(`/cases/${enc(caseId)}/tax`)).data;
}
/**
 * The same key on every retry: the server charges a taxpayer once whatever arrives twice. The
 * body says what the payer confirmed: their own lines (taxpayerId) and the amount shown; the
 * server refuses anything else. The server wants a fresh face check (the client runs it).
 */
export async function payTax(
  caseId: string,
  idempotencyKey: string,
  confirmed: TaxPaymentBody = {},
): Promise<CaseDetail> {
  return (
    await api().post<CaseDetail>(`/cases/${enc(caseId)}/tax-payment`, confirmed, {
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).data;
}
export async function fetchUtilities(caseId: string): Promise<UtilitiesResponse> {
  return (await api().get<UtilitiesResponse>(`/cases/${enc(caseId)}/utilities`)).data;
}
export async function saveUtilities(
  caseId: string,
  items: UtilitiesBody['items'],
): Promise<UtilitiesResponse> {
  return (await api().put<UtilitiesResponse>(`/cases/${enc(caseId)}/utilities`, { items })).data;
}
export async function retryUtilities(caseId: string): Promise<UtilitiesResponse> {
  return (await api().post<UtilitiesResponse>(`/cases/${enc(caseId)}/utilities/retry`, {})).data;
}
