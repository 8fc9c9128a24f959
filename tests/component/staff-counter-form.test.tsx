/**
 * The staff console's 窗口受理 form (mock-server/src/http/staff-console/client/counter.ts), bundled
 * as the server serves it and run in jsdom:
 * it offers every business type that is recorded, shows only the fields of the chosen type
 * (hidden groups are disabled, so out of the tab order), and sends each type's parties and terms
 * with the session's CSRF token. The server side is tested in tests/server/staff-counter-*.
 */
import { fireEvent, waitFor } from '@testing-library/react';
import { STAFF_PAGE } from '../../mock-server/src/http/staff-console/page';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CATALOGUE_V1 } from '../../mock-server/src/adapters/seed/catalogue-v1';

/** the catalogue's own 询问笔录 questions of a business type, as GET /catalogue sends them */
const questionsOf = (code: string) =>
  CATALOGUE_V1.businessTypes.find((b) => b.code === code)!.questions;

const CATALOGUE = {
  items: [
    {
      code: 'transfer.secondHandSale',
      questions: questionsOf('transfer.secondHandSale'),
      name: '二手房买卖转移登记',
      application: { online: true, records: 'transfer' },
    },
    {
      code: 'mortgage.first',
      questions: questionsOf('mortgage.first'),
      name: '抵押权首次登记',
      application: { online: true, records: 'mortgage' },
    },
    {
      code: 'mortgage.cancellation',
      questions: questionsOf('mortgage.cancellation'),
      name: '抵押权注销登记',
      application: { online: true, records: 'mortgageCancellation' },
    },
    {
      code: 'change.holderIdentity',
      questions: questionsOf('change.holderIdentity'),
      name: '变更登记（权利人姓名或身份证号变更）',
      application: { online: true, records: 'holderIdentityChange' },
    },
    { code: 'query.holdingsProof', name: '不动产权属查询证明', application: { online: false } },
  ],
};

/**
 * The script as /staff/console.js serves it, bundled in a child process: esbuild refuses to run
 * inside jsdom (its Uint8Array is another realm's).
 */
let STAFF_JS = '';
beforeAll(() => {
  STAFF_JS = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "process.stdout.write(require('./mock-server/src/http/staff-console/script.ts').staffConsoleScript())",
    ],
    { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' },
  );
});

type Sent = { url: string; method: string; headers: Record<string, string>; body?: unknown };
let sent: Sent[];

function respond(status: number, body: unknown) {
  return Promise.resolve({ ok: status < 400, status, json: () => Promise.resolve(body) });
}

beforeEach(() => {
  sent = [];
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(STAFF_PAGE)![1];
  window.location.hash = '#counter';
  (globalThis as { fetch?: unknown }).fetch = jest.fn((url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    sent.push({
      url,
      method,
      headers: (init.headers ?? {}) as Record<string, string>,
      ...(init.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    if (url === '/api/v1/staff/session')
      return respond(200, {
        staff: { staffId: 'S1', username: 'wangfang', displayName: '王芳', post: '受理岗' },
        csrfToken: 'csrf-token-1234567890',
      });
    if (url === '/api/v1/catalogue') return respond(200, CATALOGUE);
    if (url === '/api/v1/staff/counter-intake')
      return respond(201, {
        case: { caseId: 'CASE-1', caseNumber: '20260105001', status: 'issued' },
      });
    return respond(404, { message: '没有' });
  });
  // the script's listeners on document and window, removed after each test
  const add = (target: EventTarget) => {
    const original = target.addEventListener;
    target.addEventListener = function (
      type: string,
      fn: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (fn) listeners.push([target, type, fn]);
      original.call(target, type, fn, options);
    };
    return () => {
      target.addEventListener = original;
    };
  };
  const restore = [add(document), add(window)];
  new Function(STAFF_JS)();
  restore.forEach((r) => r());
  document.dispatchEvent(new Event('DOMContentLoaded'));
});

const listeners: [EventTarget, string, EventListenerOrEventListenerObject][] = [];
afterEach(() => {
  for (const [target, type, fn] of listeners.splice(0)) target.removeEventListener(type, fn);
});

const $ = (id: string) => document.getElementById(id) as HTMLInputElement;
/** visible and reachable by keyboard: a hidden group is also disabled, so out of the tab order */
const shown = (id: string) => {
  const hidden = $(id).closest('fieldset')?.hidden ?? false;
  expect($(id).matches(':disabled')).toBe(hidden);
  return !hidden;
};
const type = (id: string, value: string) => fireEvent.change($(id), { target: { value } });

async function choose(code: string) {
  await waitFor(() => expect(($('c-bt') as unknown as HTMLSelectElement).options).toHaveLength(4));
  type('c-bt', code);
}

it('offers the recorded business types only and adapts the fields to the chosen one', async () => {
  await choose('transfer.secondHandSale');
  const names = Array.from(($('c-bt') as unknown as HTMLSelectElement).options).map((o) => o.text);
  expect(names).not.toContain('不动产权属查询证明');
  expect(['c-unit', 'c-seller-name', 'c-buyer-name', 'c-price'].every(shown)).toBe(true);
  expect(['c-bank-name', 'c-amount', 'c-proof', 'c-newid'].some(shown)).toBe(false);

  type('c-bt', 'mortgage.first');
  expect(['c-unit', 'c-mortgagor-name', 'c-bank-name', 'c-amount', 'c-end'].every(shown)).toBe(
    true,
  );
  expect(['c-seller-name', 'c-buyer-name', 'c-proof', 'c-newid'].some(shown)).toBe(false);
  expect($('c-questions').textContent).toContain('自愿签署');

  type('c-bt', 'mortgage.cancellation');
  expect(['c-proof', 'c-applicant-name', 'c-role'].every(shown)).toBe(true);
  expect(['c-unit', 'c-bank-name', 'c-amount'].some(shown)).toBe(false);

  type('c-bt', 'change.holderIdentity');
  expect(['c-unit', 'c-holder-name', 'c-newname', 'c-newid'].every(shown)).toBe(true);
  expect(['c-proof', 'c-amount', 'c-seller-name'].some(shown)).toBe(false);
  // every shown field has a label (keyboard and screen reader users)
  for (const id of ['c-unit', 'c-holder-name', 'c-newname', 'c-newid'])
    expect(document.querySelector(`label[for="${id}"]`)).not.toBeNull();
});

it('sends a mortgage with the bank and its terms, with the CSRF token', async () => {
  await choose('mortgage.first');
  type('c-cert', '浙(2023)天台县不动产权第0029887号');
  type('c-mortgagor-name', '潘晓东');
  type('c-mortgagor-id', '331083197105287272');
  type('c-bank-name', '中国建设银行股份有限公司台州分行');
  type('c-bank-id', '9133100089d72yuu7k');
  type('c-amount', '600000');
  type('c-start', '2026-01-01');
  type('c-end', '2046-01-01');
  // the applicant's answers, asked and recorded as given
  type('c-q-truthful', '是');
  type('c-q-signedVoluntarily', '是');
  type('c-q-otherCoOwners', '否');
  fireEvent.submit($('counter-form'));
  await waitFor(() => expect(sent.some((s) => s.url.endsWith('/counter-intake'))).toBe(true));
  const post = sent.find((s) => s.url.endsWith('/counter-intake'))!;
  expect(post.headers['x-csrf-token']).toBe('csrf-token-1234567890');
  expect(post.body).toEqual({
    businessTypeCode: 'mortgage.first',
    certificateNumber: '浙(2023)天台县不动产权第0029887号',
    parties: [
      { name: '潘晓东', idNumber: '331083197105287272', role: 'rightHolder' },
      {
        name: '中国建设银行股份有限公司台州分行',
        idNumber: '9133100089D72YUU7K',
        role: 'mortgagee',
      },
    ],
    mortgage: {
      mortgageType: '一般抵押',
      securedAmountYuan: 600000,
      debtStartsOn: '2026-01-01',
      debtEndsOn: '2046-01-01',
    },
    answers: { truthful: '是', signedVoluntarily: '是', otherCoOwners: '否' },
  });
  await waitFor(() => expect($('status').textContent).toContain('已受理'));
});

it('does not send a mortgage whose amount is not a positive whole number', async () => {
  await choose('mortgage.first');
  type('c-amount', '12.5');
  fireEvent.submit($('counter-form'));
  expect($('status').textContent).toContain('被担保债权数额');
  expect(document.activeElement).toBe($('c-amount'));
  expect(sent.some((s) => s.url.endsWith('/counter-intake'))).toBe(false);
});

it('sends a cancellation by proof number with its own fields only', async () => {
  await choose('mortgage.cancellation');
  type('c-unit', '331023001008GB05261F00040001'); // typed before switching: not sent
  type('c-proof', '浙(2026)天台县不动产证明第0000001号');
  type('c-applicant-name', '潘晓东');
  type('c-applicant-id', '331083197105287272');
  fireEvent.submit($('counter-form'));
  await waitFor(() =>
    expect(sent.filter((s) => s.url.endsWith('/counter-intake'))).toHaveLength(1),
  );
  expect(sent.find((s) => s.url.endsWith('/counter-intake'))!.body).toEqual({
    businessTypeCode: 'mortgage.cancellation',
    certificateNumber: '浙(2026)天台县不动产证明第0000001号',
    parties: [{ name: '潘晓东', idNumber: '331083197105287272', role: 'rightHolder' }],
  });
});

it('sends a change of identity with the holder and the new name and ID number', async () => {
  await choose('change.holderIdentity');
  type('c-unit', '331023001004GB06142F00100001');
  type('c-holder-name', '许慧芳');
  type('c-holder-id', '33100319750804648x');
  type('c-newname', '许慧芬');
  type('c-newid', '331003197508046527');
  type('c-q-truthful', '是');
  fireEvent.submit($('counter-form'));
  await waitFor(() =>
    expect(sent.filter((s) => s.url.endsWith('/counter-intake'))).toHaveLength(1),
  );
  expect(sent.find((s) => s.url.endsWith('/counter-intake'))!.body).toEqual({
    businessTypeCode: 'change.holderIdentity',
    unitCode: '331023001004GB06142F00100001',
    parties: [{ name: '许慧芳', idNumber: '33100319750804648X', role: 'rightHolder' }],
    identityChange: { newName: '许慧芬', newIdNumber: '331003197508046527' },
    answers: { truthful: '是' },
  });
});

it('presets no answer of the 询问笔录: a required question left unasked is not sent', async () => {
  await choose('change.holderIdentity');
  const q = $('c-q-truthful') as unknown as HTMLSelectElement;
  expect(q.value).toBe('');
  expect(Array.from(q.options).map((o) => o.value)).toEqual(['', '是', '否']);
  type('c-unit', '331023001004GB06142F00100001');
  type('c-holder-name', '许慧芳');
  type('c-holder-id', '33100319750804648x');
  type('c-newname', '许慧芬');
  type('c-newid', '331003197508046527');
  fireEvent.submit($('counter-form'));
  expect($('status').textContent).toContain('请询问申请人并记录其回答');
  expect(document.activeElement).toBe($('c-q-truthful'));
  expect(sent.some((s) => s.url.endsWith('/counter-intake'))).toBe(false);
});

it('takes a joint purchase: two buyers, 共同共有, and the answers as the applicant gave them', async () => {
  await choose('transfer.secondHandSale');
  type('c-cert', '浙(2023)天台县不动产权第0029887号');
  type('c-seller-name', '潘晓东');
  type('c-seller-id', '331083197105287272');
  type('c-buyer-name', '应敏');
  type('c-buyer-id', '331002198811150524');
  type('c-coown', 'joint');
  type('c-buyer2-name', '杨帆');
  type('c-buyer2-id', '331002198702030017');
  type('c-price', '1200000');
  type('c-q-truthful', '是');
  type('c-q-soleOrCoOwned', '共有');
  type('c-q-coOwnershipKind', '共同共有');
  type('c-q-disputeOrSeizure', '否');
  type('c-q-mortgaged', '是');
  fireEvent.submit($('counter-form'));
  await waitFor(() =>
    expect(sent.filter((s) => s.url.endsWith('/counter-intake'))).toHaveLength(1),
  );
  const body = sent.find((s) => s.url.endsWith('/counter-intake'))!.body as {
    parties: { role: string }[];
    newCoOwnership: string;
    answers: Record<string, string>;
  };
  expect(body.newCoOwnership).toBe('joint');
  expect(body.parties.filter((p) => p.role === 'rightHolder')).toHaveLength(2);
  // every answer is one of its question's choices, and only what was answered is sent
  expect(body.answers).toEqual({
    truthful: '是',
    soleOrCoOwned: '共有',
    coOwnershipKind: '共同共有',
    disputeOrSeizure: '否',
    mortgaged: '是',
  });
  const questions = questionsOf('transfer.secondHandSale')!;
  for (const [code, a] of Object.entries(body.answers)) {
    const q = questions.find((x) => x.code === code)!;
    expect(q.kind === 'yesNo' ? ['是', '否'] : q.choices).toContain(a);
  }
});
