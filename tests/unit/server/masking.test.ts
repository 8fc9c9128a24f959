import {
  maskFor,
  maskIdNumber,
  maskName,
  maskNamesFor,
  maskPhone,
  readsUploadOf,
} from '../../../mock-server/src/domain/masking';

describe('masking personal data for non-owners', () => {
  it.each([
    ['331002199001011230', '331002********1230'],
    ['33100219900101123X', '331002********123X'],
    ['331002900101123', '331002*****1123'],
    ['12345', '***45'],
    ['1', '*'],
  ])('ID number %s → %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0576-8888123', '*******8123'],
    ['12345', '*****'],
  ])('phone %s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it.each([
    ['张三丰', '张*丰'],
    ['王五', '王*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    ['𠮷祥', '𠮷*'],
  ])('name %s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });

  it('never returns the full value for an 18-digit number or an 11-digit phone', () => {
    const id = '33100219900101123X';
    expect(maskIdNumber(id)).not.toContain(id.slice(6, 14));
    expect(maskPhone('13812345678')).not.toContain('1234');
  });
});

describe('maskFor: one policy for what a party reads of a case', () => {
  const SELLER = { personId: 'P1', idNumber: '33100419820825953X', name: '杨永明' };
  const BUYER = { personId: 'P2', idNumber: '331023196801208629', name: '应敏' };
  const BANK = '中国建设银行股份有限公司台州分行';
  /** a case as toCaseDetail answers it, 民政 down and the seller's 婚姻状况承诺 naming his wife */
  const detail = {
    caseId: 'CASE-1',
    parties: [
      { personId: 'P1', name: '杨永明', role: 'obligor' },
      { personId: 'P2', name: '应敏', role: 'rightHolder' },
      { personId: 'P3', name: '徐彩云', role: 'consentingSpouse' },
      { personId: 'P4', name: BANK, role: 'mortgagee', organisation: true },
    ],
    marriageCheck: {
      checkedAt: '2026-03-02T01:00:00.000Z',
      holders: [
        {
          personId: 'P1',
          status: 'married',
          commitment: {
            maritalStatus: '已婚',
            spouseName: '徐彩云',
            committedAt: '2026-03-02T01:00:00.000Z',
            contradicted: false,
          },
        },
      ],
    },
    timeline: [
      { actor: { kind: 'party', id: 'P1', displayName: '杨永明' }, note: '创建申请' },
      { actor: { kind: 'system', id: 'bureau', displayName: '台州市自然资源和规划局' } },
    ],
    correction: { items: [{ code: 'x', explanation: '请徐彩云签名确认' }] },
  };

  it('shows another party the others masked and no marital status or spouse of anyone', () => {
    const seen = maskFor(BUYER, detail);
    expect(seen.parties.map((p) => p.name)).toEqual(['杨*明', '应敏', '徐*云', BANK]);
    expect(seen.marriageCheck.holders).toEqual([]);
    expect(seen.timeline.map((t) => t.actor.displayName)).toEqual([
      '杨*明',
      '台州市自然资源和规划局',
    ]);
    // a name the value gives is masked in running text too
    expect(seen.correction.items[0].explanation).toBe('请徐*云签名确认');
    expect(JSON.stringify(seen)).not.toMatch(/杨永明|徐彩云|已婚|married/);
  });

  it('shows the holder his own pledge in full, the spouse he named included', () => {
    const seen = maskFor(SELLER, detail);
    expect(seen.marriageCheck.holders).toEqual(detail.marriageCheck.holders);
    expect(seen.parties.map((p) => p.name)).toEqual(['杨永明', '应*', '徐*云', BANK]);
  });

  it("withholds another person's 民政 record and masks ID numbers and phones of others", () => {
    const record = {
      source: 'civilAffairs',
      query: { kind: 'marriage', idNumber: SELLER.idNumber },
      data: { maritalStatus: '已婚', spouse: { name: '徐彩云', idNumber: '331002198111070607' } },
    };
    const party = { personId: 'P1', name: '杨永明', phone: '13812345678' };
    const seen = maskFor(BUYER, { record, party });
    expect(seen.record.data).toBeNull();
    expect(seen.record.query.idNumber).toBe('331004********953X');
    expect(seen.party).toEqual({ personId: 'P1', name: '杨*明', phone: '138****5678' });
    expect(maskFor(SELLER, { record, party })).toEqual({ record, party });
  });

  it('gives an uploaded file to its uploader only', () => {
    expect(readsUploadOf(SELLER, 'P1')).toBe(true);
    expect(readsUploadOf(BUYER, 'P1')).toBe(false);
    expect(readsUploadOf(BUYER, undefined)).toBe(false);
  });

  it('masks the other persons named in a message, longest name first, never the reader', () => {
    const named = [
      { personId: 'P1', name: '应敏' },
      { personId: 'P2', name: '应敏华' },
      { personId: 'P3', name: BANK },
    ];
    const text = '应敏华拒绝签署，应敏已签署；抵押权人' + BANK + '已盖章';
    expect(maskNamesFor(text, 'P1', named)).toBe(
      `应*华拒绝签署，应敏已签署；抵押权人${BANK}已盖章`,
    );
    expect(maskNamesFor(text, 'P2', named)).toBe(
      `应敏华拒绝签署，应*已签署；抵押权人${BANK}已盖章`,
    );
    expect(maskNamesFor(text, 'P9', named)).toBe(`应*华拒绝签署，应*已签署；抵押权人${BANK}已盖章`);
  });
});
