/**
 * One renderer per document kind: every kind renders to readable Chinese (no raw key names, no
 * null, no amount in fen, no ISO timestamp), amounts in 元 with 大写 checked against known
 * answers, times in Beijing time, and other people's names masked for the viewer.
 */
import {
  dateText,
  dateTimeText,
  renderDocument,
  renderSealedBody,
  yuanText,
  yuanUpper,
  type RenderInput,
} from '../../mock-server/src/domain/documents/renderers';
import {
  RENDERED_KINDS,
  RENDERER_VERSIONS,
  type RenderedDocument,
} from '../../mock-server/src/domain/documents/rendering';
import {
  noticeBody,
  titleCertificateBody,
  mortgageProofBody,
} from '../../mock-server/src/domain/documents';
import { doc, documentDigestOf, digestOf } from '../../mock-server/src/domain/signing';
import { Value } from '@sinclair/typebox/value';
import { RenderedDocument as RenderedDocumentSchema } from '../../mock-server/src/contract';

const SELLER = { partyId: 'P-SELLER', name: '张三丰' };
const BUYER = { partyId: 'P-BUYER', name: '李四娘' };
const UNIT_CODE = '331002001001GB00001F00010001';

const unit = {
  unitCode: UNIT_CODE,
  location: '台州市椒江区白云街道某小区1幢1单元101室',
  use: '住宅',
  nature: '出让',
  buildingArea: 89.5,
  sharedLandArea: 12.3,
  structure: '钢筋混凝土',
  floor: 1,
  totalFloors: 18,
  landUseEndsOn: '2085-06-30',
} as never;

const notice = (
  kind: 'acceptanceReceipt' | 'correctionNotice' | 'nonAcceptanceNotice' | 'refusalNotice',
) =>
  noticeBody({
    kind,
    number: '台不动产受〔2026〕第0000001号',
    issuedAt: '2026-12-07T17:40:34.337Z',
    issuedOn: '2026-12-08',
    caseNumber: '2026120800001',
    businessTypeName: '二手房买卖转移登记',
    unitCode: UNIT_CODE,
    location: '台州市椒江区白云街道某小区1幢1单元101室',
    addressees: [SELLER.name, BUYER.name],
    reasons: [{ code: 'MATERIAL_MISSING', explanation: '缺少身份证明材料' }],
    basis: ['《不动产登记暂行条例》第十七条'],
    ...(kind === 'acceptanceReceipt'
      ? { promisedDueOn: '2026-12-10', statutoryDueOn: '2027-01-06' }
      : {}),
    ...(kind === 'correctionNotice'
      ? { correctionDue: { dueOn: '2026-12-22', stage: 'intake' as const } }
      : {}),
  });

/** One input of every kind. */
const INPUTS: RenderInput[] = [
  {
    kind: 'applicationForm',
    data: {
      documentType: 'applicationForm',
      title: '不动产登记申请书',
      businessType: { code: 'transfer.secondHandSale', name: '二手房买卖转移登记', version: 1 },
      unitCode: UNIT_CODE,
      location: '台州市椒江区白云街道某小区1幢1单元101室',
      parties: [
        { ...BUYER, role: 'rightHolder', shareBasisPoints: 5000 },
        { partyId: 'P-BUYER2', name: '王五', role: 'rightHolder', shareBasisPoints: 5000 },
        { ...SELLER, role: 'obligor' },
      ],
      newCoOwnership: 'shares',
      priceYuan: 1680000,
      materials: [
        { code: 'id', name: '身份证明', files: [], committed: false },
        { code: 'marriage', name: '婚姻状况证明', files: [], committed: true },
        { code: 'contract', name: '买卖合同', files: ['a'.repeat(64)], committed: false },
      ],
      registrationKind: 'transfer',
    },
    signedAt: { [SELLER.partyId]: '2026-12-07T07:40:34.337Z' },
  },
  {
    kind: 'inquiry',
    data: {
      documentType: 'inquiry',
      party: SELLER,
      items: [
        { code: 'truthful', question: '申请登记是否为您的真实意思表示？', answer: '是' },
        { code: 'disputeOrSeizure', question: '该不动产是否存在争议或被查封？', answer: null },
      ],
    },
  },
  {
    kind: 'contract',
    data: {
      documentType: 'contract',
      sellers: [SELLER.name],
      buyers: [BUYER.name],
      unitCode: UNIT_CODE,
      location: '台州市椒江区白云街道某小区1幢1单元101室',
      priceYuan: 1680000,
      terms: {
        priceFen: 168000000,
        paymentMethodName: '商业贷款',
        handoverDate: '2027-01-20',
        fixtures: '空调两台',
      },
    },
  },
  {
    kind: 'maritalCommitment',
    data: {
      documentType: 'maritalCommitment',
      party: SELLER,
      maritalStatus: '已婚',
      spouse: { partyId: 'P-SPOUSE', name: '赵六妹' },
      text: '本人承诺以上婚姻状况真实。',
      committedAt: '2026-12-07T07:40:34.337Z',
    },
  },
  {
    kind: 'commitment',
    data: {
      documentType: 'commitment',
      material: { code: 'id', name: '身份证明' },
      text: '本人承诺所申报的“身份证明”情况真实。',
      partyId: SELLER.partyId,
      party: SELLER,
    },
  },
  { kind: 'acceptanceReceipt', data: notice('acceptanceReceipt') },
  { kind: 'correctionNotice', data: notice('correctionNotice') },
  { kind: 'nonAcceptanceNotice', data: notice('nonAcceptanceNotice') },
  { kind: 'refusalNotice', data: notice('refusalNotice') },
  {
    kind: 'taxCertificate',
    data: {
      receiptNo: 'WS2026120800001',
      caseId: 'C-1',
      unitCode: UNIT_CODE,
      lines: [
        {
          tax: 'deedTax',
          payer: 'rightHolder',
          baseFen: 168000000,
          rate: 0.01,
          amountFen: 1680000,
        },
        { tax: 'stampDuty', payer: 'obligor', baseFen: 168000000, rate: 0.0005, amountFen: 84000 },
      ],
      totalFen: 1764000,
      chargeId: 'CH-1',
      paidAt: '2026-12-07T16:05:00.000Z',
      issuedAt: '2026-12-07T16:05:01.000Z',
      issuer: '国家税务总局台州市税务局（模拟）',
    },
  },
  {
    kind: 'feeReceipt',
    data: {
      receiptNo: 'DJF2026000001',
      caseNumber: '2026120800001',
      payer: { personId: BUYER.partyId, name: BUYER.name },
      lines: [{ name: '不动产登记费（住宅）', amountFen: 8000, basis: '发改价格规〔2016〕2559号' }],
      totalFen: 8000,
      paidAt: '2026-12-07T16:05:00.000Z',
      issuer: '台州市自然资源和规划局',
    },
  },
  {
    kind: 'queryResult',
    data: {
      documentType: 'recordsQueryResult',
      title: '不动产登记资料查询结果证明',
      number: '台不动产查〔2026〕第0000001号',
      queriedAt: '2026-12-07T16:05:00.000Z',
      requester: { name: '李*娘', role: 'interestedParty' },
      purpose: 'purchase',
      purposeName: '拟购买该不动产',
      unit: { unitCode: UNIT_CODE, location: '台州市椒江区白云街道某小区1幢1单元101室' },
      items: [
        { item: 'naturalState', name: '不动产自然状况' },
        { item: 'coOwnership', name: '是否共有' },
        { item: 'registerHistory', name: '登记簿记载事项' },
      ],
      facts: {
        naturalState: {
          location: '台州市椒江区白云街道某小区1幢1单元101室',
          use: '住宅',
          nature: '出让',
          buildingArea: 89.5,
          structure: '钢筋混凝土',
          floor: 1,
          totalFloors: 18,
          landUseEndsOn: '2085-06-30',
        },
        coOwnership: { coOwned: false, kind: null },
        encumbrances: { mortgage: true, advanceNotice: false, objection: false },
        restrictions: { seized: false },
        holders: [{ name: '张*丰', idNumberMasked: '331002********1234' }],
        certificateNumber: null,
        registerHistory: [
          { seq: 1, type: 'rightRecorded', recordedAt: '2026-01-02T03:04:05.000Z' },
        ],
      },
      usage: '本查询结果仅限用于“拟购买该不动产”，不得用于其他目的（令第80号）',
    },
  },
  {
    kind: 'registrationProof',
    data: mortgageProofBody({
      certificateId: 'CERT-1',
      qrCheck: '0123456789abcdef0123456789abcdef',
      number: '浙(2026)台州市不动产证明第0000001号',
      licenceId: 'L-1',
      issuedAt: '2026-12-07T16:05:00.000Z',
      registeredOn: '2026-12-08',
      unit,
      mortgagee: '中国工商银行台州分行',
      mortgagors: [SELLER.name],
      mortgageType: '一般抵押',
      securedAmountYuan: 1000000,
      debtStartsOn: '2026-12-08',
      debtEndsOn: '2046-12-07',
      caseNumber: '2026120800001',
    }),
  },
  {
    kind: 'titleCertificate',
    data: titleCertificateBody({
      certificateId: 'CERT-2',
      qrCheck: 'fedcba9876543210fedcba9876543210',
      number: '浙(2026)台州市不动产权第0000001号',
      licenceId: 'L-2',
      issuedAt: '2026-12-07T16:05:00.000Z',
      registeredOn: '2026-12-08',
      unit,
      rightType: '国有建设用地使用权/房屋所有权',
      coOwnership: 'shares',
      holders: [
        { personId: BUYER.partyId, shareBasisPoints: 5000 },
        { personId: 'P-BUYER2', shareBasisPoints: 5000 },
      ] as never,
      nameOf: (id) => (id === BUYER.partyId ? BUYER.name : '王五'),
      caseNumber: '2026120800001',
    }),
  },
  {
    kind: 'giftContract',
    data: {
      documentType: 'giftContract',
      donors: [SELLER.name],
      donees: [BUYER.name],
      unitCode: '331002001002GB00001F00010001',
      location: '椒江区白云街道某小区1幢101室',
      newCoOwnership: 'sole',
    },
  },
];

/** Every display string of a rendering, as a reader would see it. */
function textOf(r: RenderedDocument): string {
  const out: string[] = [r.title, r.number ?? '', r.subtitle ?? '', r.footnote ?? ''];
  if (r.closing) out.push(r.closing.issuer, r.closing.date);
  for (const s of r.sections) {
    out.push(s.heading ?? '');
    for (const b of s.blocks) {
      switch (b.type) {
        case 'rows':
          for (const row of b.rows) out.push(row.label, row.value);
          break;
        case 'paragraph':
          out.push(b.text);
          break;
        case 'table':
          out.push(b.caption ?? '', ...b.columns, ...b.rows.flat());
          break;
        case 'list':
          out.push(...b.items);
          break;
        case 'qa':
          for (const q of b.items) out.push(q.question, q.answer, q.answeredBy);
          break;
        case 'signatures':
          for (const l of b.lines) out.push(l.role, l.name, l.status);
          break;
      }
    }
  }
  return out.join('\n');
}

const RAW_KEYS =
  /documentType|\brole\b|priceFen|priceYuan|rightHolder|obligor|mortgagee|shareBasisPoints|partyId|answer|undefined|\bnull\b|NaN|\[object/;
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('one renderer per document kind', () => {
  it('covers every kind', () => {
    expect(INPUTS.map((i) => i.kind).sort()).toEqual([...RENDERED_KINDS].sort());
  });

  it.each(INPUTS.map((i) => [i.kind, i] as const))(
    '%s renders readable Chinese that fits the contract schema',
    (kind, input) => {
      const r = renderDocument(input, { personId: SELLER.partyId, name: SELLER.name });
      expect(r.kind).toBe(kind);
      expect(r.rendererVersion).toBe(RENDERER_VERSIONS[kind]);
      expect(Value.Check(RenderedDocumentSchema, r)).toBe(true);
      const text = textOf(r);
      expect(text).not.toMatch(RAW_KEYS);
      expect(text).not.toMatch(ISO_TIMESTAMP);
      // no amount in fen: the price 168000000 fen never appears as such
      expect(text).not.toMatch(/168000000|1764000(?!\d*元)/);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      for (const s of r.sections)
        for (const b of s.blocks)
          if (b.type === 'table')
            for (const row of b.rows) expect(row).toHaveLength(b.columns.length);
    },
  );

  it('renders sealed bodies by their documentType (notices, certificates, query, tax receipt)', () => {
    for (const i of INPUTS) {
      if (['feeReceipt'].includes(i.kind)) continue;
      expect(renderSealedBody(i.data, {})?.kind).toBe(i.kind);
    }
    expect(renderSealedBody({ documentType: 'somethingElse' }, {})).toBeNull();
    expect(renderSealedBody(null, {})).toBeNull();
  });
});

describe('the application form is laid out like the national form', () => {
  const input = INPUTS[0];
  const r = renderDocument(input, { personId: BUYER.partyId, name: BUYER.name });
  const headings = r.sections.map((s) => s.heading);

  it('has 申请登记事项, 不动产情况, 权利人/义务人 with shares and 申请人签章, in that order', () => {
    expect(headings).toEqual([
      '申请登记事项',
      '不动产情况',
      '权利人情况',
      '义务人情况',
      '申请材料',
      '申请人签章',
    ]);
    const holders = r.sections[2].blocks[0];
    expect(holders).toMatchObject({
      type: 'table',
      columns: ['姓名/名称', '申请人类别', '份额'],
      rows: [
        ['李四娘', '自然人', '50%'],
        ['王*', '自然人', '50%'],
      ],
    });
  });

  it('states the price in 元 with 大写, and who signed when (Beijing time)', () => {
    const text = textOf(r);
    expect(text).toContain('1,680,000.00元（人民币壹佰陆拾捌万元整）');
    expect(text).toContain('已签署 2026年12月7日 15:40');
    expect(text).toContain('待签署');
  });

  it('names a mortgage’s mortgagor 抵押人 and its mortgagee 抵押权人', () => {
    const m = renderDocument(
      {
        kind: 'applicationForm',
        data: {
          ...(input.data as never as object),
          registrationKind: 'mortgage',
          parties: [
            {
              partyId: 'BANK',
              name: '中国工商银行台州分行',
              role: 'mortgagee',
              organisation: true,
            },
            { ...SELLER, role: 'rightHolder' },
          ],
          // what the case's business type calls its roles (the holder who gives the mortgage)
          roleLabels: { rightHolder: '抵押人' },
          newCoOwnership: null,
          priceYuan: null,
        } as never,
      },
      { personId: SELLER.partyId },
    );
    expect(m.sections.map((s) => s.heading)).toContain('抵押权人情况');
    expect(m.sections.map((s) => s.heading)).toContain('抵押人情况');
    // an organisation's name is public
    expect(textOf(m)).toContain('中国工商银行台州分行');
  });
});

it('a 补正通知书 states its 补正期限', () => {
  const r = renderDocument(INPUTS[6], {});
  expect(textOf(r)).toContain('补正期限\n2026年12月22日前（含当日）');
});

describe('masking by viewer', () => {
  it('shows a person their own name and everyone else’s masked', () => {
    const inquiry = INPUTS[1];
    expect(textOf(renderDocument(inquiry, { personId: SELLER.partyId }))).toContain('张三丰');
    const other = textOf(renderDocument(inquiry, { personId: BUYER.partyId }));
    expect(other).not.toContain('张三丰');
    expect(other).toContain('张*丰');
    // anonymous (archive, public): masked; staff: in full
    expect(textOf(renderDocument(inquiry, {}))).not.toContain('张三丰');
    expect(textOf(renderDocument(inquiry, { staff: true }))).toContain('张三丰');
  });

  it('masks the addressees of a notice and the holders of a certificate for others', () => {
    const n = textOf(renderDocument(INPUTS[5], { name: BUYER.name }));
    expect(n).toContain('张*丰、李四娘');
    const cert = INPUTS.find((i) => i.kind === 'titleCertificate') as RenderInput;
    const mine = textOf(renderDocument(cert, { name: BUYER.name }));
    expect(mine).toContain('李四娘、王*');
    expect(mine).toContain('按份共有（李四娘50%，王*50%）');
    expect(textOf(renderDocument(cert, {}))).not.toContain('李四娘');
  });

  it('asks each party’s own answers in that party’s name', () => {
    const r = renderDocument(INPUTS[1], { personId: SELLER.partyId });
    const qa = r.sections.flatMap((s) => s.blocks).find((b) => b.type === 'qa');
    expect(qa).toEqual({
      type: 'qa',
      items: [
        { question: '申请登记是否为您的真实意思表示？', answer: '是', answeredBy: '张三丰' },
        {
          question: '该不动产是否存在争议或被查封？',
          answer: '（尚未回答）',
          answeredBy: '张三丰',
        },
      ],
    });
  });
});

describe('amounts in 大写 (known answers, 《支付结算办法》 rules)', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [101, '壹元零壹分'],
    [1001, '壹拾元零壹分'],
    [1010, '壹拾元壹角整'],
    [1000, '壹拾元整'],
    [100050, '壹仟元伍角整'],
    [100500, '壹仟零伍元整'],
    [1000000, '壹万元整'],
    [1000700, '壹万零柒元整'],
    [10001000, '壹拾万零壹拾元整'],
    [100010000, '壹佰万零壹佰元整'],
    [168000000, '壹佰陆拾捌万元整'],
    [1764000, '壹万柒仟陆佰肆拾元整'],
    [10000000000, '壹亿元整'],
    [10000100000, '壹亿零壹仟元整'],
    [102003004050, '壹拾亿贰仟零叁万零肆拾元伍角整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [20007, '贰佰元零柒分'],
  ])('%i fen → %s', (fen, upper) => {
    expect(yuanUpper(fen)).toBe(upper);
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => yuanUpper(1.5)).toThrow(RangeError);
    expect(() => yuanUpper(-1)).toThrow(RangeError);
  });

  it('writes 小写 with grouping and two decimals', () => {
    expect(yuanText(168000000)).toBe('1,680,000.00元');
    expect(yuanText(5)).toBe('0.05元');
    expect(yuanText(123456789)).toBe('1,234,567.89元');
  });
});

describe('Beijing time', () => {
  it('shows instants at UTC+08:00 whatever the input offset', () => {
    expect(dateTimeText('2026-12-07T07:40:34.337Z')).toBe('2026年12月7日 15:40');
    expect(dateTimeText('2026-12-07T20:30:00+05:00')).toBe('2026年12月7日 23:30');
    // 17:00 UTC is already the next day in Beijing
    expect(dateText('2026-12-07T17:00:00Z')).toBe('2026年12月8日');
    // a calendar date names a Beijing day as written
    expect(dateText('2027-01-20')).toBe('2027年1月20日');
    expect(dateTimeText('not a time')).toBe('');
  });
});

describe('what you see is what you sign', () => {
  it('a document digest covers its data and its renderer version', () => {
    const body = INPUTS[1].data;
    const d = doc('inquiry:P-SELLER', 'inquiry', '询问笔录', body, 'P-SELLER');
    expect(d.renderer).toEqual({ kind: 'inquiry', version: RENDERER_VERSIONS.inquiry });
    expect(d.digest).toBe(documentDigestOf(body, d.renderer));
    expect(d.digest).not.toBe(digestOf(body));
    // a new renderer version gives a new digest, as changed data does
    expect(documentDigestOf(body, { kind: 'inquiry', version: d.renderer.version + 1 })).not.toBe(
      d.digest,
    );
    expect(documentDigestOf({ ...(body as object), party: BUYER }, d.renderer)).not.toBe(d.digest);
  });

  it('a 婚姻状况承诺书 in the bundle is rendered (and versioned) by its own renderer', () => {
    const d = doc('maritalCommitment:P', 'commitment', '婚姻状况承诺书', INPUTS[3].data);
    expect(d.renderer.kind).toBe('maritalCommitment');
  });
});
