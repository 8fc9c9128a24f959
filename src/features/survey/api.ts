/**
 * The surveying firms' API (/api/v1/survey/*). A firm user's session is the server's HttpOnly
 * cookie `hh_survey` (H5 only: same origin, sent by the browser); every change repeats the
 * session's CSRF token, kept for this tab in sessionStorage.
 */
import type {
  DrawingUploadResponse,
  SurveyResultBody,
  SurveyResultListResponse,
  SurveyResultResponse,
  SurveySealBody,
  SurveySessionResponse,
} from '@contract';
import type { AxiosInstance } from 'axios';
import { createApiClient } from '@/shared/api';

const CSRF_KEY = 'he.survey.csrf';
let client: AxiosInstance | undefined;
const api = () => (client ??= createApiClient({ baseURL: API_BASE_URL }));

const csrf = () => {
  try {
    return sessionStorage.getItem(CSRF_KEY) ?? '';
  } catch {
    return '';
  }
};
const keep = (s: SurveySessionResponse) => {
  try {
    sessionStorage.setItem(CSRF_KEY, s.csrfToken);
  } catch {
    // private mode: the token lives as long as the page
  }
  return s;
};
const changing = () => ({ 'x-csrf-token': csrf() });

/** One reason a result was refused: a stable code and its Chinese message. */
export interface SurveyReason {
  code: string;
  message: string;
}

export async function login(username: string, password: string) {
  return keep(
    (await api().post<SurveySessionResponse>('/survey/session', { username, password })).data,
  );
}

/** The signed-in firm user, or null when there is no live session. */
export async function currentSession(): Promise<SurveySessionResponse | null> {
  const res = await api().get<SurveySessionResponse>('/survey/session', {
    validateStatus: (s) => s === 200 || s === 401,
  });
  return res.status === 200 ? keep(res.data) : null;
}

export async function logout() {
  await api().post('/survey/session/end', undefined, { headers: changing() });
}

export async function myResults() {
  return (await api().get<SurveyResultListResponse>('/survey/results')).data.items;
}

export async function uploadDrawing(contentType: string, data: Uint8Array) {
  const body = new Blob([new Uint8Array(data)], { type: contentType });
  return (
    await api().post<DrawingUploadResponse>('/survey/drawings', body, {
      headers: { ...changing(), 'content-type': contentType },
    })
  ).data;
}

export type SubmitOutcome =
  | { accepted: true; result: SurveyResultResponse }
  | { accepted: false; message: string; reasons: SurveyReason[] };

/** The firm's e-seal seals the result, then the sealed result is submitted for 入库. */
export async function sealAndSubmit(result: SurveyResultBody): Promise<SubmitOutcome> {
  const seal = (
    await api().post<SurveySealBody>('/survey/seal', { result }, { headers: changing() })
  ).data;
  const res = await api().post<
    SurveyResultResponse | { message: string; reasons?: SurveyReason[] }
  >(
    '/survey/results',
    { result, seal },
    { headers: changing(), validateStatus: (s) => s === 200 || s === 201 || s === 422 },
  );
  if (res.status === 422) {
    const body = res.data as { message: string; reasons?: SurveyReason[] };
    return { accepted: false, message: body.message, reasons: body.reasons ?? [] };
  }
  return { accepted: true, result: res.data as SurveyResultResponse };
}
