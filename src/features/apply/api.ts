import type {
  AcceptInvitationResponse,
  BundleResponse,
  CaseDetail,
  CatalogueResponse,
  CreateCaseBody,
  EditCaseBody,
  InquiryResponse,
  InvitationResponse,
  MaritalCommitmentBody,
  MaterialsResponse,
  MyUnit,
  MyUnitsResponse,
  ObjectionResponse,
  SharedDataResponse,
  SigningStatusResponse,
  UploadResponse,
} from '@contract';
import { getApiClient, readHeader } from '@/shared/api';

const api = () => getApiClient();
const enc = encodeURIComponent;

export async function fetchCatalogue(): Promise<CatalogueResponse> {
  return (await api().get<CatalogueResponse>('/catalogue')).data;
}
export async function fetchMyUnits(): Promise<MyUnit[]> {
  return (await api().get<MyUnitsResponse>('/me/units')).data.items;
}
export async function createCase(body: CreateCaseBody): Promise<CaseDetail> {
  return (await api().post<CaseDetail>('/cases', body)).data;
}
/** the cases I am a party of (to find a draft begun on another phone) */
export async function fetchMyCases(): Promise<CaseDetail[]> {
  return (await api().get<{ items: CaseDetail[] }>('/me/cases')).data.items;
}
export async function fetchCase(caseId: string): Promise<CaseDetail> {
  return (await api().get<CaseDetail>(`/cases/${enc(caseId)}`)).data;
}
export async function editCase(caseId: string, body: EditCaseBody): Promise<CaseDetail> {
  return (await api().patch<CaseDetail>(`/cases/${enc(caseId)}`, body)).data;
}
export async function caseAction(
  caseId: string,
  path: 'start-signing' | 'withdraw',
  body: Record<string, unknown> = {},
): Promise<CaseDetail> {
  return (await api().post<CaseDetail>(`/cases/${enc(caseId)}/${path}`, body)).data;
}
export async function fetchInquiry(caseId: string, partyId: string): Promise<InquiryResponse> {
  return (await api().get<InquiryResponse>(`/cases/${enc(caseId)}/parties/${enc(partyId)}/inquiry`))
    .data;
}
export async function saveInquiry(
  caseId: string,
  partyId: string,
  answers: Record<string, string>,
): Promise<InquiryResponse> {
  return (
    await api().put<InquiryResponse>(`/cases/${enc(caseId)}/parties/${enc(partyId)}/inquiry`, {
      answers,
    })
  ).data;
}
export async function fetchMaterials(caseId: string): Promise<MaterialsResponse> {
  return (await api().get<MaterialsResponse>(`/cases/${enc(caseId)}/materials`)).data;
}
/** 婚姻状况承诺: the signed-in holder's own pledge while 民政 cannot answer */
export async function commitMaritalStatus(
  caseId: string,
  body: MaritalCommitmentBody,
): Promise<CaseDetail> {
  return (await api().post<CaseDetail>(`/cases/${enc(caseId)}/marital-commitment`, body)).data;
}
export async function commitMaterial(caseId: string, code: string): Promise<void> {
  await api().post(`/cases/${enc(caseId)}/materials/${enc(code)}/commitment`, { accepted: true });
}
/** One file per request, raw body; the server answers the same fileId for the same bytes. */
export async function uploadMaterialFile(
  caseId: string,
  code: string,
  data: Uint8Array,
  contentType: string,
  sm3Hex: string,
  onProgress: (fraction: number) => void,
): Promise<UploadResponse> {
  const body = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return (
    await api().post<UploadResponse>(`/cases/${enc(caseId)}/materials/${enc(code)}/files`, body, {
      headers: { 'Content-Type': contentType, 'x-content-sm3': sm3Hex },
      timeout: 60_000,
      transformRequest: [(d: unknown) => d],
      onUploadProgress: (e) => {
        if (e.total) onProgress(e.loaded / e.total);
      },
    })
  ).data;
}
export async function fetchBundle(caseId: string): Promise<BundleResponse> {
  return (await api().get<BundleResponse>(`/cases/${enc(caseId)}/bundle`)).data;
}
export async function invite(caseId: string, partyId: string): Promise<InvitationResponse> {
  return (await api().post<InvitationResponse>(`/cases/${enc(caseId)}/invitations`, { partyId }))
    .data;
}
export async function acceptInvitation(code: string): Promise<AcceptInvitationResponse> {
  return (await api().post<AcceptInvitationResponse>('/invitations/accept', { code })).data;
}
/** Needs a fresh face check: the API client runs it on STEP_UP_REQUIRED and resends. */
export async function signBundle(
  caseId: string,
  handwriting: string,
  bundleDigest: string,
): Promise<void> {
  await api().post(`/cases/${enc(caseId)}/signatures`, { handwriting, bundleDigest });
}
export async function declineCase(caseId: string, reason: string): Promise<void> {
  await api().post(`/cases/${enc(caseId)}/decline`, { reason });
}
export async function submitCase(caseId: string, idempotencyKey: string): Promise<CaseDetail> {
  return (
    await api().post<CaseDetail>(
      `/cases/${enc(caseId)}/submit`,
      {},
      { headers: { 'Idempotency-Key': idempotencyKey } },
    )
  ).data;
}

/**
 * The signing status once (the page's first read, and the fallback poll of statusStream.ts);
 * `etag` from the last answer turns an unchanged one into null. The page asks it by itself, so
 * it does not renew the session (nor does the server extend it): only the person's actions do.
 */
export async function fetchSigningStatus(
  caseId: string,
  etag?: string,
): Promise<{ status: SigningStatusResponse | null; etag?: string }> {
  const res = await api().get<SigningStatusResponse>(`/cases/${enc(caseId)}/signing-status`, {
    skipRenew: true,
    headers: etag ? { 'If-None-Match': etag } : {},
    validateStatus: (s) => (s >= 200 && s < 300) || s === 304,
  });
  const next = readHeader(res.headers, 'etag') ?? etag;
  return { status: res.status === 304 ? null : res.data, etag: next };
}

/** Where each material came from; `resolve` asks the data sources again (draft, 补正). */
export async function fetchSharedData(caseId: string): Promise<SharedDataResponse> {
  return (await api().get<SharedDataResponse>(`/cases/${enc(caseId)}/shared-data`)).data;
}
export async function resolveSharedData(caseId: string): Promise<SharedDataResponse> {
  return (await api().post<SharedDataResponse>(`/cases/${enc(caseId)}/shared-data/resolve`, {}))
    .data;
}
/** A party objects to a shared record with evidence photos (JPEG/PNG, base64). */
export async function objectToSharedRecord(
  caseId: string,
  recordId: string,
  statement: string,
  evidence: { contentType: 'image/jpeg' | 'image/png'; data: string }[],
): Promise<ObjectionResponse> {
  const url = `/cases/${enc(caseId)}/shared-data/${enc(recordId)}/objections`;
  return (await api().post<ObjectionResponse>(url, { statement, evidence })).data;
}
