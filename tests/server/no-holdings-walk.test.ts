/**
 * With the demo register, a signed-in citizen who holds nothing (应敏) walks every route that
 * takes a unit code, certificate number or case id (or another identifier of somebody's unit,
 * certificate, case or record) with other people's identifiers and made-up ones, and learns no
 * holder's name, ID number or marital status from any answer (docs/registry-facts.md §8).
 *
 * The routes are read from the running server (Fastify's route tree), so a route added later
 * fails this test until it is listed here: walked with the identifiers, or set aside with the
 * reason it takes none.
 */
import { PAN, PAN_CERT, PAN_UNIT, XU, YANG, YANG_UNIT, YING } from './support/business-types';
import { client, login } from './support/cases-client';
import { startHarness, type Harness } from './support/registry';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Every `METHOD /path` the server answers under /api/v1, read from Fastify's route tree. */
function routesOf(tree: string): string[] {
  const stack: { depth: number; path: string }[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)── (\S*) \(([A-Z, ]+)\)$/.exec(line.trimEnd());
    if (!m) continue;
    const depth = m[1].length;
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const parent = stack.length ? stack[stack.length - 1].path : '';
    const path = parent + m[2];
    stack.push({ depth, path });
    for (const method of m[3].split(', ')) {
      const full = path.startsWith('/') ? path : `/${path}`;
      if (method !== 'HEAD' && full.startsWith('/api/v1/')) out.push(`${method} ${full.slice(7)}`);
    }
  }
  return out;
}

/** someone else's and made-up identifiers of each kind */
interface Targets {
  caseIds: string[];
  unitCodes: string[];
  certificateNumbers: string[];
  ids: string[];
}
type Call = { method: string; url: string; payload?: object };
type Walk = (t: Targets) => Call[];

const each = (xs: string[], f: (x: string) => Call): Call[] => xs.map(f);
const onCase =
  (method: string, tail: string, payload?: object): Walk =>
  (t) =>
    each(t.caseIds, (id) => ({
      method,
      url: `/cases/${id}${tail}`,
      ...(payload ? { payload } : {}),
    }));
const onId =
  (method: string, url: (id: string) => string, payload?: object): Walk =>
  (t) =>
    each(t.ids, (id) => ({ method, url: url(id), ...(payload ? { payload } : {}) }));
const JPEG = { mediaType: 'image/jpeg', data: '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==' };
const sale = (target: object) => ({
  businessTypeCode: 'transfer.secondHandSale',
  ...target,
  parties: [{ ...YING, role: 'rightHolder' }],
  newCoOwnership: 'sole',
});

/** Routes walked with other people's identifiers. */
const WALKED: Record<string, Walk> = {
  'POST /cases': (t) => [
    ...t.unitCodes.map((unitCode) => ({
      method: 'POST',
      url: '/cases',
      payload: sale({ unitCode }),
    })),
    ...t.certificateNumbers.map((certificateNumber) => ({
      method: 'POST',
      url: '/cases',
      payload: sale({ certificateNumber }),
    })),
    ...['mortgage.first', 'change.holderIdentity', 'mortgage.cancellation'].map((code) => ({
      method: 'POST',
      url: '/cases',
      payload: { businessTypeCode: code, unitCode: t.unitCodes[0] },
    })),
  ],
  'GET /cases/:caseId': onCase('GET', ''),
  'PATCH /cases/:caseId': onCase('PATCH', '', { version: 1, priceYuan: 1 }),
  'POST /cases/:caseId/start-signing': onCase('POST', '/start-signing', {}),
  'POST /cases/:caseId/submit': onCase('POST', '/submit', {}),
  'POST /cases/:caseId/withdraw': onCase('POST', '/withdraw', {}),
  'POST /cases/:caseId/correction-answer': onCase('POST', '/correction-answer', {}),
  'POST /cases/:caseId/signatures': onCase('POST', '/signatures', {
    handwriting: 'iVBORw0KGgo=',
    bundleDigest: '0'.repeat(64),
  }),
  'GET /cases/:caseId/signatures': onCase('GET', '/signatures'),
  'GET /cases/:caseId/signing-status': onCase('GET', '/signing-status'),
  'GET /cases/:caseId/signing-status/stream': onCase('GET', '/signing-status/stream'),
  'GET /cases/:caseId/shared-data': onCase('GET', '/shared-data'),
  'POST /cases/:caseId/shared-data/resolve': onCase('POST', '/shared-data/resolve', {}),
  'POST /cases/:caseId/shared-data/:recordId/objections': onCase(
    'POST',
    '/shared-data/SHR-1/objections',
    { statement: '记录有误', evidence: [JPEG] },
  ),
  'GET /cases/:caseId/contract': onCase('GET', '/contract'),
  'PUT /cases/:caseId/contract': onCase('PUT', '/contract', {}),
  'GET /cases/:caseId/documents/:documentId': onCase('GET', '/documents/DOC-1'),
  'POST /cases/:caseId/decline': onCase('POST', '/decline', { reason: '不同意' }),
  'POST /cases/:caseId/invitations': onCase('POST', '/invitations', { partyId: 'P001' }),
  'GET /cases/:caseId/parties/:partyId/inquiry': onCase('GET', '/parties/P001/inquiry'),
  'PUT /cases/:caseId/parties/:partyId/inquiry': onCase('PUT', '/parties/P001/inquiry', {
    answers: {},
  }),
  'GET /cases/:caseId/materials': onCase('GET', '/materials'),
  'POST /cases/:caseId/materials/:materialCode/files': onCase('POST', '/materials/identity/files', {
    file: JPEG,
  }),
  'POST /cases/:caseId/materials/:materialCode/commitment': onCase(
    'POST',
    '/materials/identity/commitment',
    {},
  ),
  'POST /cases/:caseId/marital-commitment': onCase('POST', '/marital-commitment', {
    maritalStatus: '未婚',
  }),
  'GET /cases/:caseId/bundle': onCase('GET', '/bundle'),
  'GET /cases/:caseId/tax': onCase('GET', '/tax'),
  'POST /cases/:caseId/tax-payment': onCase('POST', '/tax-payment', {}),
  'POST /cases/:caseId/inheritance-renunciation': onCase('POST', '/inheritance-renunciation', {}),
  'POST /cases/:caseId/inheritance-acceptance': onCase('POST', '/inheritance-acceptance', {}),
  'GET /cases/:caseId/fee': onCase('GET', '/fee'),
  'POST /cases/:caseId/fee-payment': onCase('POST', '/fee-payment', { confirmAmountFen: 8000 }),
  'GET /cases/:caseId/utilities': onCase('GET', '/utilities'),
  'PUT /cases/:caseId/utilities': onCase('PUT', '/utilities', { items: [] }),
  'POST /cases/:caseId/utilities/retry': onCase('POST', '/utilities/retry', {}),
  'GET /cases/:caseId/archive': onCase('GET', '/archive'),
  'GET /cases/:caseId/copies': onCase('GET', '/copies'),
  'GET /cases/:caseId/copies/:ref/document.pdf': onCase('GET', '/copies/DOC-1/document.pdf'),
  'GET /cases/:caseId/copies/:ref/document.pdf.sig': onCase(
    'GET',
    '/copies/DOC-1/document.pdf.sig',
  ),
  'GET /document-checks': (t) =>
    each(t.ids, (id) => ({
      method: 'GET',
      url: `/document-checks?d=${id}&check=${'0'.repeat(16)}`,
    })),
  'GET /staff/cases/:caseId/representations': (t) =>
    each(t.caseIds, (id) => ({ method: 'GET', url: `/staff/cases/${id}/representations` })),
  'POST /staff/representations/:representationId/decision': onId(
    'POST',
    (id) => `/staff/representations/${id}/decision`,
    { approve: true, note: '' },
  ),
  'GET /staff/cases/:caseId': (t) =>
    each(t.caseIds, (id) => ({ method: 'GET', url: `/staff/cases/${id}` })),
  'GET /staff/cases/:caseId/shared-data': (t) =>
    each(t.caseIds, (id) => ({ method: 'GET', url: `/staff/cases/${id}/shared-data` })),
  'POST /staff/cases/:caseId/shared-data/:recordId/recheck': (t) =>
    each(t.caseIds, (id) => ({
      method: 'POST',
      url: `/staff/cases/${id}/shared-data/SHR-1/recheck`,
      payload: { reason: '核对' },
    })),
  'POST /staff/cases/:caseId/decisions': (t) =>
    each(t.caseIds, (id) => ({
      method: 'POST',
      url: `/staff/cases/${id}/decisions`,
      payload: { decision: 'approve' },
    })),
  'GET /staff/survey-results/:resultId': onId('GET', (id) => `/staff/survey-results/${id}`),
  'POST /staff/survey-results/:resultId/refusal': onId(
    'POST',
    (id) => `/staff/survey-results/${id}/refusal`,
    { reasons: ['核对'] },
  ),
  'POST /staff/survey-results/:resultId/first-registration': onId(
    'POST',
    (id) => `/staff/survey-results/${id}/first-registration`,
    {},
  ),
  'GET /survey/results/:resultId': onId('GET', (id) => `/survey/results/${id}`),
  'POST /staff/counter-intake': (t) =>
    each(t.unitCodes, (unitCode) => ({
      method: 'POST',
      url: '/staff/counter-intake',
      payload: { ...sale({ unitCode }), answers: {} },
    })),
  'GET /me/units/:unitCode/record': (t) =>
    each(t.unitCodes, (u) => ({ method: 'GET', url: `/me/units/${encodeURIComponent(u)}/record` })),
  'GET /me/wallet/:itemId': onId('GET', (id) => `/me/wallet/${id}`),
  'GET /me/wallet/:itemId/verifications': onId('GET', (id) => `/me/wallet/${id}/verifications`),
  'POST /me/wallet/:itemId/presentations': onId('POST', (id) => `/me/wallet/${id}/presentations`, {
    view: 'full',
  }),
  'GET /certificates/:id/certificate.pdf': onId(
    'GET',
    (id) => `/certificates/${id}/certificate.pdf`,
  ),
  'GET /certificates/:id/certificate.pdf.sig': onId(
    'GET',
    (id) => `/certificates/${id}/certificate.pdf.sig`,
  ),
  'GET /archive/packages/:packageId': onId('GET', (id) => `/archive/packages/${id}`),
  'GET /archive/proof': (t) =>
    each(t.certificateNumbers, (n) => ({
      method: 'GET',
      url: `/archive/proof?certificateNumber=${encodeURIComponent(n)}`,
    })),
  'POST /records-queries': (t) => [
    ...t.unitCodes.map((unitCode) => ({
      method: 'POST',
      url: '/records-queries',
      payload: { role: 'interestedParty', purpose: 'purchase', unitCode, proof: JPEG },
    })),
    ...t.certificateNumbers.map((certificateNumber) => ({
      method: 'POST',
      url: '/records-queries',
      payload: { role: 'interestedParty', purpose: 'purchase', certificateNumber, proof: JPEG },
    })),
    ...t.unitCodes.map((unitCode) => ({
      method: 'POST',
      url: '/records-queries',
      payload: { role: 'rightHolder', purpose: 'ownRecords', unitCode },
    })),
  ],
  'GET /records-queries/:queryId/document': onId('GET', (id) => `/records-queries/${id}/document`),
  'GET /records-queries/:queryId/files/:digest': onId(
    'GET',
    (id) => `/records-queries/${id}/files/${'0'.repeat(64)}`,
  ),
  'POST /consultation/questions': (t) =>
    each(t.caseIds, (caseId) => ({
      method: 'POST',
      url: '/consultation/questions',
      payload: { topic: 'case', caseId, question: '这套房子是谁的？' },
    })),
  'POST /invitations/accept': () => [
    { method: 'POST', url: '/invitations/accept', payload: { code: 'ABCDEF' } },
  ],
  'GET /cases/:caseId/representations': onCase('GET', '/representations'),
  'POST /cases/:caseId/representations': onCase('POST', '/representations', {
    agent: { name: '许慧芳', idNumber: '33100319750804648X' },
    basis: 'onlinePowerOfAttorney',
  }),
  'POST /representations/guardianship': () => [
    { method: 'POST', url: '/representations/guardianship', payload: { code: 'ABCDEF' } },
  ],
  'POST /representations/accept': () => [
    { method: 'POST', url: '/representations/accept', payload: { code: 'ABCDEF' } },
  ],
  'POST /representations/:representationId/revoke': onId(
    'POST',
    (id) => `/representations/${id}/revoke`,
  ),
  'GET /representations/:representationId/bundle': onId(
    'GET',
    (id) => `/representations/${id}/bundle`,
  ),
  'PUT /representations/:representationId/inquiry': onId(
    'PUT',
    (id) => `/representations/${id}/inquiry`,
    { answers: { truthful: '是' } },
  ),
  'POST /representations/:representationId/signatures': onId(
    'POST',
    (id) => `/representations/${id}/signatures`,
    { handwriting: 'iVBORw0KGgo=', bundleDigest: '0'.repeat(64) },
  ),
  'GET /print-checks': (t) =>
    each(t.ids, (id) => ({ method: 'GET', url: `/print-checks?c=${id}&check=${'0'.repeat(16)}` })),
  'POST /verify': (t) =>
    each(t.ids, (token) => ({ method: 'POST', url: '/verify', payload: { token } })),
  'POST /me/messages/:messageId/read': onId('POST', (id) => `/me/messages/${id}/read`, {}),
  'DELETE /me/sessions/:id': onId('DELETE', (id) => `/me/sessions/${id}`),
};

/** Routes that take no identifier of anybody's unit, certificate, case or record, and why. */
const SET_ASIDE: Record<string, string> = {
  'POST /auth/face/start': 'signs in by the caller’s own ID number',
  'POST /auth/face/complete': 'completes the caller’s own face check',
  'POST /auth/step-up/start': 'the caller’s own step-up',
  'POST /auth/step-up/complete': 'the caller’s own step-up',
  'POST /auth/zlb/ticket': 'the caller’s own 浙里办 ticket',
  'POST /auth/zlb/step-up': 'the caller’s own step-up',
  'POST /auth/renew': 'the caller’s own session',
  'POST /auth/logout': 'the caller’s own session',
  'GET /archive/tree-head': 'public tree head, no personal data',
  'GET /archive/consistency': 'public tree sizes only',
  'GET /certificates/verify': 'an old QR address: answers 301 to /verify without reading anything',
  'GET /keys': 'published public keys and their ids, no personal data',
  'POST /sim/zlb/tickets': 'identity simulator (demo mode; see the safe-defaults work)',
  'POST /sim/zlb/zm-auth': 'identity simulator (demo mode; see the safe-defaults work)',
  'POST /sim/payment/faults': 'payment simulator switch (demo mode)',
  'GET /sim/payment/charges': 'payment simulator (demo mode; see the safe-defaults work)',
  'POST /sim/utilities/faults': 'utilities simulator switch (demo mode)',
  'POST /sim/register/mortgages': 'register simulator (demo mode; see the safe-defaults work)',
  'GET /sim/messaging/deliveries': 'messaging simulator delivery log (demo mode)',
  'POST /sim/messaging/channels': 'messaging simulator switch (demo mode)',
  'POST /signatures/verify': 'checks a signature the caller holds',
  'GET /signature-ca/certificate': 'the CA’s public certificate',
  'GET /staff/consultation/questions': 'staff only (cookie), no identifier',
  'POST /staff/consultation/questions/:questionId/answer': 'staff only (cookie + CSRF)',
  'GET /staff/data-sources/faults': 'staff demo switch',
  'PUT /staff/data-sources/faults': 'staff demo switch',
  'POST /staff/session': 'staff sign-in',
  'GET /staff/session': 'staff session',
  'POST /staff/session/end': 'staff session',
  'GET /staff/queue': 'staff only (cookie), no identifier',
  'GET /staff/archive/check': 'staff only (cookie), no identifier',
  'POST /staff/archive/transfers': 'staff only (cookie + CSRF), no identifier',
  'GET /staff/survey-results': 'staff only (cookie), no identifier',
  'POST /survey/session': 'a surveying firm user’s sign-in',
  'GET /survey/session': 'the firm user’s own session (cookie)',
  'POST /survey/session/end': 'the firm user’s own session (cookie)',
  'POST /survey/seal': 'seals the firm’s own result digest (firm cookie)',
  'POST /survey/drawings': 'the firm’s own upload (firm cookie)',
  'POST /survey/results': 'the firm’s own submission (firm cookie)',
  'GET /survey/results': 'the firm’s own results (firm cookie)',
  'GET /me': 'the caller themself',
  'GET /me/sessions': 'the caller’s own sessions',
  'GET /me/units': 'the caller’s own units',
  'GET /me/cases': 'the caller’s own cases (checked below)',
  'GET /me/certificates': 'the caller’s own certificates (checked below)',
  'GET /me/messages': 'the caller’s own messages (checked below)',
  'GET /me/messages/unread-count': 'the caller’s own unread count',
  'GET /me/to-sign': 'the caller’s own cases to sign (checked below)',
  'GET /me/representations': 'where the caller acts for someone (checked below)',
  'GET /me/wallet': 'the caller’s own wallet (checked below)',
  'POST /me/holdings-proofs': 'the caller’s own holdings',
  'GET /catalogue': 'the business catalogue',
  'GET /consultation/faq': 'public answers',
  'GET /consultation/questions/mine': 'the caller’s own questions',
  'POST /documents/verify-seal': 'checks a document the caller holds',
  'POST /documents/verify-file': 'checks a file the caller holds',
  'GET /data-sources': 'the sources’ public keys',
  'GET /registry/public-key': 'the registry’s public key',
  'GET /records-queries/mine': 'the caller’s own queries (checked below)',
  'GET /void-announcements': 'public announcements: numbers and unit codes, no holders',
};

it('every /api/v1 route is walked or set aside with a reason', () => {
  const routes = routesOf(h.app.printRoutes({ commonPrefix: false }));
  expect(routes.length).toBeGreaterThan(60);
  const unlisted = routes.filter((r) => !(r in WALKED) && !(r in SET_ASIDE));
  expect(unlisted).toEqual([]);
  // and nothing listed here is gone from the server
  const gone = [...Object.keys(WALKED), ...Object.keys(SET_ASIDE)].filter(
    (r) => !routes.includes(r),
  );
  expect(gone).toEqual([]);
});

it('a citizen holding nothing learns no holder’s name, ID number or marital status through any route', async () => {
  // the people whose names and numbers must not come back: every natural person but her
  const people = (await h.registry.sql.all(
    "SELECT name, id_number AS idNumber FROM persons WHERE kind = 'natural' AND id_number <> ?",
    [YING.idNumber],
  )) as { name: string; idNumber: string }[];
  expect(people.length).toBeGreaterThan(20);

  // somebody else's case: 潘晓东 sells his home to 许慧芳
  const pan = client(h, await login(h, PAN));
  const othersCase = await pan.post<{ caseId: string }>(
    '/cases',
    {
      businessTypeCode: 'transfer.secondHandSale',
      unitCode: PAN_UNIT,
      parties: [{ ...XU, role: 'rightHolder' }],
      newCoOwnership: 'sole',
    },
    201,
  );
  const certificate = (await h.registry.sql.get(
    'SELECT certificate_id AS id FROM certificates WHERE number = ?',
    [PAN_CERT],
  )) as { id: string };
  const yangCert = (await h.registry.register.unit(YANG_UNIT))!.certificate!.number;
  const targets: Targets = {
    caseIds: [othersCase.caseId, 'CASE-00000000-0000-0000-0000-000000000000'],
    unitCodes: [YANG_UNIT, PAN_UNIT, '331023001004GB06142F99990001'],
    certificateNumbers: [PAN_CERT, yangCert, '浙(2023)天台县不动产权第0099999号'],
    ids: [certificate.id, 'NO-SUCH-ID', othersCase.caseId],
  };

  const token = await login(h, YING);
  const seen: { call: string; status: number; body: string }[] = [];
  const send = async (c: Call) => {
    const r = await h.app.inject({
      method: c.method as 'GET',
      url: `/api/v1${c.url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(c.payload ? { payload: c.payload } : {}),
    });
    seen.push({ call: `${c.method} ${c.url}`, status: r.statusCode, body: r.body });
  };
  for (const walk of Object.values(WALKED)) for (const c of walk(targets)) await send(c);
  for (const url of [
    '/me/cases',
    '/me/certificates',
    '/me/messages',
    '/me/to-sign',
    '/me/wallet',
    '/me/representations',
  ])
    await send({ method: 'GET', url });
  await send({ method: 'GET', url: '/records-queries/mine' });

  expect(seen.length).toBeGreaterThan(100);
  const leaks: string[] = [];
  for (const s of seen) {
    expect(s.status).toBeLessThan(500);
    for (const p of people) {
      if (s.body.includes(p.idNumber)) leaks.push(`${s.call}: ID number of ${p.name}`);
      if (s.body.includes(p.name)) leaks.push(`${s.call}: name ${p.name}`);
    }
    if (/已婚|离婚|丧偶|"married"|"divorced"|maritalStatus|spouse/i.test(s.body))
      leaks.push(`${s.call}: marital status`);
    if (s.body.includes(YANG.name) || s.body.includes(PAN.name)) leaks.push(`${s.call}: holder`);
  }
  expect(leaks).toEqual([]);
  // nothing about somebody else's case, certificate or unit is answered with 2xx to her, except
  // the public proof lookups and the interested-party query (which shows no holder)
  const answered = seen
    .filter((s) => s.status < 300)
    .map((s) => s.call)
    .filter((c) => !/^GET \/me\/|^GET \/records-queries\/mine|^POST \/records-queries/.test(c));
  expect(answered).toEqual([]);
});
