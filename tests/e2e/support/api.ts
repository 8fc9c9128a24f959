/**
 * Driving preliminary steps of a case through the real server's API over HTTP (as the server
 * tests do with fastify.inject): logging in through the 浙里办 simulator with step-up, and
 * signing the caller's bundle through the e-signature route (/signatures); and signing a phone
 * in without the face check (`signInPhone`) for tests whose subject comes after the login.
 */
import { maskName } from '../../../mock-server/src/domain/masking';
import type { Page } from 'playwright-core';
import { png } from '../../server/support/png';

type Who = { idNumber: string; name: string };

export interface ApiPerson {
  token: string;
  call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: object): Promise<T>;
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** The app's storage key of the signed-in session (src/shared/session/store.ts SESSION_KEY). */
const SESSION_KEY = 'he.session';

/**
 * Signs `who` in on `page`'s phone without driving the login and face screens: a 浙里办
 * simulator ticket is exchanged for a session (no step-up, as after a face login), and the
 * session is written where the app keeps it before the app's first script runs on the next
 * page load. The face login itself is tested through the UI in login.test.ts; the step-up
 * face checks that signing asks for stay in the UI wherever they come.
 */
export async function signInPhone(page: Page, baseURL: string, who: Who): Promise<void> {
  const post = async <T>(url: string, body: object, what: string) =>
    json<T>(
      await fetch(`${baseURL}/api/v1${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      what,
    );
  const t = await post<{ ticketId: string }>(
    '/sim/zlb/tickets',
    { idNumber: who.idNumber },
    'ticket',
  );
  const login = await post<{ session: unknown; user: unknown }>(
    '/auth/zlb/ticket',
    { ticketId: t.ticketId, deviceName: '电脑 · 浏览器' },
    'login',
  );
  // once per phone (its storage is per context): a later sign-out in the test stays signed out
  await page.context().addInitScript(
    ([key, value]) => {
      // every document of the phone runs this, including about:blank (a verifier's fresh tab),
      // whose storage the browser refuses: only the app's own pages get the session
      if (!/^https?:$/.test(window.location.protocol)) return;
      const seeded = 'he.e2e.signedIn';
      if (window.localStorage.getItem(seeded)) return;
      window.localStorage.setItem(seeded, '1');
      window.localStorage.setItem(key, value);
    },
    [SESSION_KEY, JSON.stringify({ session: login.session, user: login.user })] as const,
  );
}

export async function apiLogin(baseURL: string, who: Who): Promise<ApiPerson> {
  const post = (url: string, body: object, token?: string) =>
    fetch(`${baseURL}/api/v1${url}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const t = await json<{ ticketId: string }>(
    await post('/sim/zlb/tickets', { idNumber: who.idNumber }),
    'ticket',
  );
  const s = await json<{ session: { token: string } }>(
    await post('/auth/zlb/ticket', { ticketId: t.ticketId }),
    'login',
  );
  const token = s.session.token;
  const z = await json<{ passId: string }>(
    await post('/sim/zlb/zm-auth', { certNo: who.idNumber, certName: who.name }),
    'zm-auth',
  );
  await json(await post('/auth/zlb/step-up', { passId: z.passId }, token), 'step-up');
  return {
    token,
    async call<T>(method: string, url: string, body?: object) {
      const res = await fetch(`${baseURL}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return json<T>(res, `${method} ${url}`);
    },
  };
}

/** Reads the caller's bundle and signs it with a handwriting PNG (the e-signature route). */
export async function apiSign(who: ApiPerson, caseId: string, seed = 1): Promise<void> {
  const b = await who.call<{ bundleDigest: string }>('GET', `/cases/${caseId}/bundle`);
  await who.call('POST', `/cases/${caseId}/signatures`, {
    handwriting: Buffer.from(png(40, 16, seed)).toString('base64'),
    bundleDigest: b.bundleDigest,
  });
}

const ANSWERS = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };

interface CaseView {
  caseId: string;
  status: string;
  parties: { personId: string; name: string }[];
}

/**
 * A second-hand sale submitted through the API — the seller (sole holder of `unitLocation`) and
 * the buyer both answer and sign with e-signatures — with the 网签买卖合同 marked unreadable, so
 * the automatic review answers with a 补正通知书. Returns the case id (status correctionRequested).
 */
export async function saleInCorrection(
  baseURL: string,
  seller: Who,
  buyer: Who,
  unitLocation: string,
): Promise<string> {
  const s = await apiLogin(baseURL, seller);
  const units = await s.call<{ items: { unitCode: string; location: string }[] }>(
    'GET',
    '/me/units',
  );
  const unit = units.items.find((u) => u.location === unitLocation);
  if (!unit) throw new Error(`${seller.name}名下没有 ${unitLocation}`);
  let c = await s.call<CaseView>('POST', '/cases', {
    businessTypeCode: 'transfer.secondHandSale',
    unitCode: unit.unitCode,
    parties: [{ idNumber: buyer.idNumber, name: buyer.name, role: 'rightHolder' }],
    newCoOwnership: 'sole',
    priceYuan: 1_680_000,
    answers: ANSWERS,
    materials: [{ code: 'filedContract', source: 'scan', status: 'unclear' }],
  });
  c = await s.call<CaseView>('POST', `/cases/${c.caseId}/start-signing`, {});
  await apiSign(s, c.caseId, 1);
  const b = await apiLogin(baseURL, buyer);
  // the seller reads the buyer's name masked (domain/masking.ts)
  const buyerId = c.parties.find((p) =>
    [buyer.name, maskName(buyer.name)].includes(p.name),
  )!.personId;
  await b.call('PUT', `/cases/${c.caseId}/parties/${buyerId}/inquiry`, { answers: ANSWERS });
  await apiSign(b, c.caseId, 2);
  c = await s.call<CaseView>('POST', `/cases/${c.caseId}/submit`, {});
  if (c.status !== 'correctionRequested')
    throw new Error(`提交后应为 correctionRequested，实际为 ${c.status}`);
  return c.caseId;
}
