/**
 * The signing bundle as a party reads it: every document comes with its readable rendering for
 * that party (the schema's RenderedDocument, other people's names masked, each 询问笔录 in its
 * party's name), and its digest covers the document's data and its renderer version.
 */
import { Value } from '@sinclair/typebox/value';
import {
  RenderedDocument as RenderedDocumentSchema,
  type BundleResponse,
} from '../../mock-server/src/contract';
import { RENDERER_VERSIONS } from '../../mock-server/src/domain/documents/rendering';
import { documentDigestOf } from '../../mock-server/src/domain/signing';
import {
  answer,
  BUYER,
  openSale,
  parties,
  SELLER_A,
  startSigningHarness,
  type SigningHarness,
} from './support/signing';

let h: SigningHarness;
let p: Awaited<ReturnType<typeof parties>>;
beforeAll(async () => {
  h = await startSigningHarness();
  p = await parties(h);
});
afterAll(() => h.close());

const textOf = (x: unknown) => JSON.stringify(x);

it('sends each document rendered for the caller, its digest over data and renderer version', async () => {
  const c = await openSale(p.buyer);
  await answer(p.sellerA, c, SELLER_A.name);
  const mine = await p.buyer.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
  expect(mine.documents.length).toBeGreaterThan(1);
  // the seller's 询问笔录 is his own statement: the buyer receives its digest only
  // (domain/signing/readers.ts), so it names him masked and shows no answer
  const withheld = mine.documents.filter((d) => d.withheld);
  expect(withheld.map((d) => d.kind)).toEqual(['inquiry', 'inquiry']);
  for (const d of withheld) {
    expect(d).not.toHaveProperty('body');
    expect(d).not.toHaveProperty('rendering');
    expect(d.withheld).toBe('该文件仅对其当事人可见，您可核对其摘要');
    expect(textOf(d)).not.toContain(SELLER_A.name);
  }
  for (const d of mine.documents.filter((x) => !x.withheld)) {
    expect(Value.Check(RenderedDocumentSchema, d.rendering)).toBe(true);
    expect(d.renderer.version).toBe(RENDERER_VERSIONS[d.renderer.kind]);
    expect(d.rendering!.rendererVersion).toBe(d.renderer.version);
    expect(d.digest).toBe(documentDigestOf(d.body, d.renderer));
    const shown = textOf(d.rendering);
    expect(shown).not.toMatch(/documentType|priceFen|rightHolder|obligor|\bnull\b/);
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // the buyer sees her own name in full and the seller's masked
    expect(shown).not.toContain(SELLER_A.name);
  }
  const form = mine.documents.find((d) => d.id === 'applicationForm')!;
  expect(form.rendering!.title).toBe('不动产登记申请书');
  expect(textOf(form.rendering)).toContain(BUYER.name);
  expect(textOf(form.rendering)).toContain('李*平');

  // the seller reads his own 询问笔录 in his own name, with his answers
  const his = await p.sellerA.get<BundleResponse>(`/cases/${c.caseId}/bundle`);
  const inquiry = his.documents.find((d) => d.kind === 'inquiry' && !d.withheld)!;
  expect(textOf(inquiry.rendering)).toContain(SELLER_A.name);
  const qa = inquiry.rendering!.sections.flatMap((s) => s.blocks).find((b) => b.type === 'qa');
  expect(qa).toBeDefined();
  if (qa?.type === 'qa') {
    expect(qa.items.every((i) => i.answeredBy === SELLER_A.name)).toBe(true);
    expect(qa.items.map((i) => i.answer)).toContain('是');
  }
});
