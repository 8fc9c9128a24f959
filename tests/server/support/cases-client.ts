/**
 * Logging in through the 浙里办 simulator (with step-up), calling /api/v1 as that person, and
 * signing a case the only way a party can online: a real e-signature (`eSign`).
 */
import type {
  BundleResponse,
  CaseDetail,
  InquiryResponse,
} from '../../../mock-server/src/contract';
import { maskName } from '../../../mock-server/src/domain/masking';
import { png } from './png';
import type { Harness } from './registry';

type Who = { idNumber: string; name: string };

/** who holds each token, so that `eSign` can run a fresh step-up for that person */
const WHO = new Map<string, Who>();

/** A fresh face check (step-up) for the session. */
export async function stepUpFor(h: Harness, token: string, who: Who): Promise<void> {
  const z = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sim/zlb/zm-auth',
    payload: { certNo: who.idNumber, certName: who.name },
  });
  const u = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/zlb/step-up',
    headers: { authorization: `Bearer ${token}` },
    payload: { passId: z.json().passId },
  });
  expect(u.statusCode).toBe(200);
}

export async function login(h: Harness, who: Who, stepUp = true): Promise<string> {
  const t = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sim/zlb/tickets',
    payload: { idNumber: who.idNumber },
  });
  expect(t.statusCode).toBe(200);
  const s = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/zlb/ticket',
    payload: { ticketId: t.json().ticketId },
  });
  expect(s.statusCode).toBe(200);
  const token = s.json().session.token as string;
  WHO.set(token, who);
  if (stepUp) await stepUpFor(h, token, who);
  return token;
}

export function client(h: Harness, token: string) {
  const call = async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
    status = 200,
  ) => {
    const res = await h.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode !== status)
      throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const who = WHO.get(token);
  return {
    who,
    get: <T>(url: string, status?: number) => call<T>('GET', url, undefined, status),
    post: <T>(url: string, payload: object = {}, status?: number) =>
      call<T>('POST', url, payload, status),
    patch: <T>(url: string, payload: object, status?: number) =>
      call<T>('PATCH', url, payload, status),
    put: <T>(url: string, payload: object, status?: number) => call<T>('PUT', url, payload, status),
    /** a fresh face check for this session */
    stepUp: async () => {
      if (!who) throw new Error('stepUp: log in through login() first');
      await stepUpFor(h, token, who);
    },
  };
}

/** What `eSign` needs of a party's session: in-process (`client`) or over HTTP (`httpParty`). */
export interface Signer {
  who?: Who;
  get<T>(url: string): Promise<T>;
  post<T>(url: string, payload: object, status?: number): Promise<T>;
  put<T>(url: string, payload: object): Promise<T>;
  stepUp(): Promise<void>;
}

/** A party's session on a server running as a real process (crash and e2e tests). */
export function httpParty(baseUrl: string, token: string, who: Who): Signer {
  const call = async <T>(method: string, url: string, body?: object): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    who,
    get: (url) => call('GET', url),
    post: (url, payload) => call('POST', url, payload),
    put: (url, payload) => call('PUT', url, payload),
    stepUp: async () => {
      const z = await fetch(`${baseUrl}/api/v1/sim/zlb/zm-auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certNo: who.idNumber, certName: who.name }),
      });
      const { passId } = (await z.json()) as { passId: string };
      await call('POST', '/auth/zlb/step-up', { passId });
    },
  };
}

/**
 * An answer to each question that lets the case go straight through (the first choice; 是 unless
 * 是 blocks). Optional yes/no questions (e.g. whether the unit is mortgaged or disputed, where 是
 * sends the case to staff) are left unanswered.
 */
function defaultAnswers(q: InquiryResponse['questions']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of q) {
    if (x.kind === 'yesNo' && !x.required) continue;
    if (x.kind === 'choice' && x.choices?.length) out[x.code] = x.choices[0];
    else if (x.kind === 'yesNo') out[x.code] = x.blockingAnswer === '是' ? '否' : '是';
    else out[x.code] = '无';
  }
  return out;
}

/**
 * The one way a party signs online, shared by every test that drives a case through
 * the API: a fresh step-up, the party's own 询问笔录 answered if it is still open (`answers`, else
 * a non-blocking default), the bundle read, and a handwritten PNG signed over the bundle digest
 * through POST /cases/:id/signatures. Returns the case as the signer then sees it.
 */
export async function eSign(
  s: Signer,
  caseId: string,
  opts: { answers?: Record<string, string>; seed?: number } = {},
): Promise<CaseDetail> {
  if (!s.who) throw new Error('eSign: log in through login() first');
  const name = s.who.name;
  await s.stepUp();
  const detail = await s.get<CaseDetail>(`/cases/${caseId}`);
  const me = detail.parties.find((p) => p.name === name);
  if (!me) throw new Error(`eSign: ${name} is not a party of ${caseId}`);
  const acts = detail.availableActions;
  if (acts.includes('answerInquiry') && !acts.includes('sign')) {
    const url = `/cases/${caseId}/parties/${me.personId}/inquiry`;
    const inq = await s.get<InquiryResponse>(url);
    await s.put(url, { answers: opts.answers ?? defaultAnswers(inq.questions) });
  }
  const b = await s.get<BundleResponse>(`/cases/${caseId}/bundle`);
  const handwriting = Buffer.from(png(40, 16, opts.seed ?? 1)).toString('base64');
  await s.post(`/cases/${caseId}/signatures`, { handwriting, bundleDigest: b.bundleDigest }, 201);
  return s.get<CaseDetail>(`/cases/${caseId}`);
}

/**
 * A married seller's (or mortgagor's) spouse consents to disposing of common property —
 * each `consentingSpouse` the server added logs in and e-signs like any party.
 */
export async function eSignSpouses(h: Harness, c: CaseDetail): Promise<CaseDetail> {
  let out = c;
  for (const p of c.parties.filter((x) => x.role === 'consentingSpouse')) {
    const who = (await h.registry.sql.get(
      'SELECT name, id_number AS "idNumber" FROM persons WHERE person_id = ?',
      [p.personId],
    )) as Who;
    out = await eSign(client(h, await login(h, who)), c.caseId);
  }
  return out;
}

/**
 * 缴税 per taxpayer (docs/registry-facts.md §13): each party who owes pays their own lines on
 * their own session, after a fresh face check; answers the case as the last of them sees it.
 */
export async function payOwnTaxes(
  payers: readonly Pick<Signer, 'get' | 'post' | 'stepUp'>[],
  caseId: string,
): Promise<CaseDetail> {
  let last: CaseDetail | undefined;
  for (const who of payers) {
    const tax = await who.get<{ canPay: boolean }>(`/cases/${caseId}/tax`);
    if (!tax.canPay) continue;
    await who.stepUp();
    last = await who.post<CaseDetail>(`/cases/${caseId}/tax-payment`, {});
  }
  return last ?? (await payers[0].get<CaseDetail>(`/cases/${caseId}`));
}

/**
 * Whether a name shown to a party is this person's: in full when it is the reader's own, masked
 * (杨*明) when it is another party's (domain/masking.ts).
 */
export const isNamed = (shown: string, name: string) => shown === name || shown === maskName(name);
