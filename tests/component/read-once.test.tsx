/**
 * Each document is read once per signing round: what was opened at 预览文书 (or before the page
 * was opened again) is not asked for again at 签名; a document whose content changed is.
 */
import type { BundleResponse } from '@contract';
import { fireEvent, render, screen } from '@testing-library/react';
import { SignPanel } from '@/features/apply/SignPanel';
import { markRead, READ_KEY, readOf } from '@/features/apply/readState';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform, serveRoutes } from './fakes';

const ME = LOGIN.user.personId;
const doc = (id: string, title: string, digest: string) => ({
  id,
  kind: 'applicationForm' as const,
  title,
  body: {},
  renderer: { kind: 'applicationForm' as const, version: 1 },
  digest: digest.repeat(64),
  rendering: { kind: 'applicationForm' as const, rendererVersion: 1, title, sections: [] },
});
const DOCS = [
  doc('applicationForm', '不动产登记申请书', 'a'),
  doc('inquiry:P001', '询问笔录', 'b'),
  doc('commitment:marital', '婚姻状况告知承诺书', 'c'),
  doc('contract', '存量房买卖合同', 'd'),
];
const bundleOf = (documents = DOCS): BundleResponse =>
  ({
    caseId: 'CASE-R',
    contentVersion: 1,
    documents,
    coveredDocumentIds: documents.map((d) => d.id),
    bundleDigest: documents
      .map((d) => d.digest[0])
      .join('')
      .padEnd(64, '0'),
    algorithm: 'SM3',
    canonicalization: 'canonical-json',
  }) as BundleResponse;

let fake: ReturnType<typeof fakePlatform>;
beforeEach(() => {
  fake = fakePlatform();
  setPlatform(fake.platform);
  reloadSession();
  signIn(LOGIN);
});
afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
  signOut();
});

it('the four documents read at 预览文书 are not asked for again at 签名', async () => {
  // 预览文书 opened each of them (PreviewStep records it as SignPanel does)
  for (const d of DOCS) markRead(ME, 'CASE-R', d);
  serveRoutes({ 'GET /cases/CASE-R/bundle': bundleOf() });
  render(<SignPanel caseId="CASE-R" signerName="李平" onSigned={() => undefined} />);
  expect(await screen.findByText('阅读文书（4/4）')).toBeInTheDocument();
  expect(screen.getByLabelText('李平的手写签名')).toBeInTheDocument();
  expect(screen.queryByText('请先阅读以上全部文书，再签名。')).toBeNull();
});

it('read state survives the page being opened again; a changed document alone is unread', async () => {
  serveRoutes({ 'GET /cases/CASE-R/bundle': bundleOf() });
  const first = render(<SignPanel caseId="CASE-R" signerName="李平" onSigned={() => undefined} />);
  // the first document opens by itself; the other three are opened by the signer
  expect(await screen.findByText('阅读文书（1/4）')).toBeInTheDocument();
  for (const d of DOCS.slice(1)) fireEvent.click(screen.getByLabelText(`阅读 ${d.title}`));
  expect(screen.getByText('阅读文书（4/4）')).toBeInTheDocument();
  first.unmount();
  expect(fake.store.get(READ_KEY)).toBeDefined();

  // the same page again (a reload, back and forth): nothing to read again
  serveRoutes({ 'GET /cases/CASE-R/bundle': bundleOf() });
  const again = render(<SignPanel caseId="CASE-R" signerName="李平" onSigned={() => undefined} />);
  expect(await screen.findByText('阅读文书（4/4）')).toBeInTheDocument();
  again.unmount();

  // a new round: the contract changed, the other three did not
  const changed = [...DOCS.slice(0, 3), doc('contract', '存量房买卖合同', 'e')];
  serveRoutes({ 'GET /cases/CASE-R/bundle': bundleOf(changed) });
  render(<SignPanel caseId="CASE-R" signerName="李平" onSigned={() => undefined} />);
  // the changed contract is the first unread one: it opens by itself, and it alone was unread
  expect(await screen.findByText('阅读文书（4/4）')).toBeInTheDocument();
  expect(readOf(ME, 'CASE-R', changed)).toEqual(changed.map((d) => d.id));
  expect(document.querySelector('[data-doc="contract"] [role="document"]')).not.toBeNull();
});

it('the read state is the signed-in person’s and the case’s own', () => {
  markRead(ME, 'CASE-R', DOCS[0]);
  expect(readOf(ME, 'CASE-R', DOCS)).toEqual(['applicationForm']);
  expect(readOf('P999', 'CASE-R', DOCS)).toEqual([]);
  expect(readOf(ME, 'CASE-OTHER', DOCS)).toEqual([]);
  // a document read in an earlier content is not read in its new one
  expect(readOf(ME, 'CASE-R', [doc('applicationForm', '不动产登记申请书', 'f')])).toEqual([]);
});
