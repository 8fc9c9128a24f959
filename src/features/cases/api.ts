import type {
  AcceptInvitationResponse,
  CaseDetail,
  CaseListResponse,
  DocumentCopiesResponse,
  DocumentResponse,
  FeeResponse,
  MessagesResponse,
  RepresentationsResponse,
  RepresentationView,
  ToSignResponse,
} from '@contract';
import { getApiClient } from '@/shared/api';

type MessageView = MessagesResponse['items'][number];

const api = () => getApiClient();
const enc = encodeURIComponent;

export async function fetchMyCases(): Promise<CaseDetail[]> {
  return (await api().get<CaseListResponse>('/me/cases')).data.items;
}
export async function fetchToSign(): Promise<CaseDetail[]> {
  return (await api().get<ToSignResponse>('/me/to-sign')).data.items;
}
export async function fetchCase(caseId: string): Promise<CaseDetail> {
  return (await api().get<CaseDetail>(`/cases/${enc(caseId)}`)).data;
}
export async function fetchMessages(): Promise<MessageView[]> {
  return (await api().get<MessagesResponse>('/me/messages')).data.items;
}
export async function markMessageRead(messageId: string): Promise<MessageView> {
  return (await api().post<MessageView>(`/me/messages/${enc(messageId)}/read`, {})).data;
}
export async function fetchDocument(caseId: string, documentId: string): Promise<DocumentResponse> {
  return (await api().get<DocumentResponse>(`/cases/${enc(caseId)}/documents/${enc(documentId)}`))
    .data;
}
/** The documents of the case the caller may keep a PDF copy of (notices sent to them included). */
export async function fetchCopies(caseId: string): Promise<DocumentCopiesResponse['items']> {
  return (await api().get<DocumentCopiesResponse>(`/cases/${enc(caseId)}/copies`)).data.items;
}
/** Where a document's PDF copy is (under the API base). */
export const copyPath = (caseId: string, ref: string) =>
  `/cases/${enc(caseId)}/copies/${enc(ref)}/document.pdf`;
/** The case's 登记费 as the registry assessed it, and its 财政电子票据 once paid (the payer's). */
export async function fetchFee(caseId: string): Promise<FeeResponse> {
  return (await api().get<FeeResponse>(`/cases/${enc(caseId)}/fee`)).data;
}
/** 缴纳登记费: the payer confirms the amount the card showed; the server charges once per case. */
export async function payFee(caseId: string, confirmAmountFen: number): Promise<FeeResponse> {
  return (await api().post<FeeResponse>(`/cases/${enc(caseId)}/fee-payment`, { confirmAmountFen }))
    .data;
}
export async function acceptInvitation(code: string): Promise<AcceptInvitationResponse> {
  return (await api().post<AcceptInvitationResponse>('/invitations/accept', { code })).data;
}
export type CaseActionPath =
  | 'withdraw'
  | 'tax-payment'
  | 'correction-answer'
  | 'inheritance-renunciation'
  | 'inheritance-acceptance';
export async function act(
  caseId: string,
  path: CaseActionPath,
  body: Record<string, unknown> = {},
): Promise<CaseDetail> {
  return (await api().post<CaseDetail>(`/cases/${enc(caseId)}/${path}`, body)).data;
}

// ---------------------------------------------------------------- 委托代理人 and 监护人
/** The case's agents and guardians (the caller's own with their invitation code and 撤销). */
export async function fetchRepresentations(caseId: string): Promise<RepresentationView[]> {
  return (await api().get<RepresentationsResponse>(`/cases/${enc(caseId)}/representations`)).data
    .items;
}
/**
 * 委托代理人: the caller signs the 授权委托书 online; the server asks for a fresh face check
 * (STEP_UP_REQUIRED), which the API client runs before the request resumes.
 */
export async function appointAgent(
  caseId: string,
  agent: { name: string; idNumber: string },
): Promise<RepresentationView> {
  return (
    await api().post<RepresentationView>(`/cases/${enc(caseId)}/representations`, {
      agent,
      basis: 'onlinePowerOfAttorney',
    })
  ).data;
}
export async function revokeRepresentation(representationId: string): Promise<RepresentationView> {
  return (
    await api().post<RepresentationView>(`/representations/${enc(representationId)}/revoke`, {})
  ).data;
}
