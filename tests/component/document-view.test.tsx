/**
 * The document view draws the server's readable rendering and nothing else: Chinese labels,
 * 元 amounts with 大写, Beijing times, questions with the party's own answers, tables a screen
 * reader can walk; never a raw key, `null`, an amount in fen or an ISO timestamp. The signing
 * bundle shows each document through it.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import type { BundleResponse } from '@contract';
import { DocumentView } from '@/shared/ui';
import { BundleView } from '@/features/apply/BundleView';
import { renderDocument } from '../../mock-server/src/domain/documents/renderers';
import { RENDERER_VERSIONS } from '../../mock-server/src/domain/documents/rendering';

const SELLER = { partyId: 'P-SELLER', name: '张三丰' };
const BUYER = { partyId: 'P-BUYER', name: '李四娘' };
const UNIT_CODE = '331002001001GB00001F00010001';

const application = {
  documentType: 'applicationForm' as const,
  title: '不动产登记申请书',
  businessType: { code: 'transfer.secondHandSale', name: '二手房买卖转移登记', version: 1 },
  unitCode: UNIT_CODE,
  location: '台州市椒江区白云街道某小区1幢1单元101室',
  parties: [
    { ...BUYER, role: 'rightHolder', shareBasisPoints: 10000 },
    { ...SELLER, role: 'obligor' },
  ],
  newCoOwnership: 'sole' as const,
  priceYuan: 1680000,
  materials: [{ code: 'id', name: '身份证明', files: [], committed: false }],
};
const inquiry = {
  documentType: 'inquiry' as const,
  party: SELLER,
  items: [
    { code: 'truthful', question: '申请登记是否为您的真实意思表示？', answer: '是' },
    { code: 'dispute', question: '该不动产是否存在争议？', answer: null },
  ],
};

const RAW =
  /documentType|\brole\b|priceFen|priceYuan|rightHolder|obligor|shareBasisPoints|\bnull\b|undefined/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function axeViolations(node: Element) {
  const result = await axe.run(node, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('DocumentView', () => {
  it('lays out the application form like the national form, readable and accessible', async () => {
    const rendering = renderDocument(
      {
        kind: 'applicationForm',
        data: application,
        signedAt: { [BUYER.partyId]: '2026-12-07T07:40:34.337Z' },
      },
      { personId: BUYER.partyId, name: BUYER.name },
    );
    const { container } = render(<DocumentView rendering={rendering} />);
    const text = container.textContent ?? '';
    for (const heading of ['申请登记事项', '不动产情况', '权利人情况', '义务人情况', '申请人签章'])
      expect(screen.getByText(heading)).toBeTruthy();
    expect(text).toContain('1,680,000.00元（人民币壹佰陆拾捌万元整）');
    expect(text).toContain('已签署 2026年12月7日 15:40');
    // the viewer's own name in full, the other party's masked
    expect(text).toContain('李四娘');
    expect(text).not.toContain('张三丰');
    expect(text).toContain('张*丰');
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(ISO);
    expect(text).not.toContain('168000000');
    // tables expose rows and cells to a screen reader
    expect(container.querySelectorAll('[role="table"]').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('[role="columnheader"]').length).toBeGreaterThan(0);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows each question with the party’s own answer in the party’s name', () => {
    const rendering = renderDocument(
      { kind: 'inquiry', data: inquiry },
      { personId: SELLER.partyId, name: SELLER.name },
    );
    render(<DocumentView rendering={rendering} />);
    expect(screen.getByText('问：申请登记是否为您的真实意思表示？')).toBeTruthy();
    expect(screen.getByText('答（张三丰）：是')).toBeTruthy();
    expect(screen.getByText('答（张三丰）：（尚未回答）')).toBeTruthy();
  });
});

describe('BundleView shows what is signed', () => {
  // the digest itself is the server's (tests/server/document-rendering.test.ts); jsdom has no TextEncoder
  const docs = [
    {
      id: 'applicationForm',
      kind: 'applicationForm' as const,
      title: '不动产登记申请书',
      body: application,
      renderer: { kind: 'applicationForm' as const, version: RENDERER_VERSIONS.applicationForm },
      digest: 'a'.repeat(64),
    },
    {
      id: `inquiry:${SELLER.partyId}`,
      kind: 'inquiry' as const,
      title: '询问笔录（张三丰）',
      partyId: SELLER.partyId,
      body: inquiry,
      renderer: { kind: 'inquiry' as const, version: RENDERER_VERSIONS.inquiry },
      digest: 'b'.repeat(64),
    },
  ];
  const viewer = { personId: SELLER.partyId, name: SELLER.name };
  const bundle = {
    caseId: 'C-1',
    contentVersion: 1,
    documents: docs.map((d) => ({
      ...d,
      rendering: renderDocument({ kind: d.renderer.kind, data: d.body } as never, viewer),
    })),
    coveredDocumentIds: docs.map((d) => d.id),
    bundleDigest: '0'.repeat(64),
    algorithm: 'SM3',
    canonicalization: 'canonical-json',
  } as BundleResponse;

  it('opens each document as its rendering, with the digest of data and rendering version', async () => {
    let open: string | null = null;
    const { container, rerender } = render(
      <BundleView bundle={bundle} read={[]} open={open} onOpen={(id) => (open = id)} />,
    );
    for (const d of bundle.documents) {
      fireEvent.click(screen.getByLabelText(`阅读 ${d.title}`));
      rerender(
        <BundleView bundle={bundle} read={[d.id]} open={open} onOpen={(id) => (open = id)} />,
      );
      const body = container.querySelector(`[data-doc="${d.id}"] .doc`) as HTMLElement;
      expect(body).toBeTruthy();
      expect(body.getAttribute('data-renderer-version')).toBe(String(d.renderer.version));
      const text = container.textContent ?? '';
      expect(text).not.toMatch(RAW);
      expect(text).not.toMatch(ISO);
      expect(await axeViolations(container)).toEqual([]);
    }
  });

  it('shows a document the reader is not a party of as a line that says so and its digest, not a blank', async () => {
    // the buyer reads the seller's 询问笔录 as the server sends it to her: its digest only
    const forBuyer = {
      ...bundle,
      documents: [
        bundle.documents[0],
        {
          id: `inquiry:${SELLER.partyId}`,
          kind: 'inquiry' as const,
          title: '询问笔录（张*丰）',
          partyId: SELLER.partyId,
          renderer: docs[1].renderer,
          digest: docs[1].digest,
          withheld: '该文件仅对其当事人可见，您可核对其摘要',
        },
      ],
    } as BundleResponse;
    const id = `inquiry:${SELLER.partyId}`;
    const { container } = render(
      <BundleView bundle={forBuyer} read={[id]} open={id} onOpen={() => undefined} />,
    );
    const shown = container.querySelector(`[data-doc="${id}"]`) as HTMLElement;
    expect(shown.textContent).toContain('该文件仅对其当事人可见，您可核对其摘要');
    expect(shown.textContent).toContain(`文书摘要（SM3）：${'b'.repeat(64)}`);
    expect(shown.querySelector('.doc')).toBeNull();
    expect(shown.textContent).not.toContain(SELLER.name);
    expect(await axeViolations(container)).toEqual([]);
  });
});
