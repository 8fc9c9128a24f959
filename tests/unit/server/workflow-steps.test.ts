/**
 * The workflow's transitions the use cases now take for every change (beyond those in
 * workflow-effects.test.ts): the parties' steps (start signing, invite, upload, 告知承诺,
 * 婚姻状况承诺, pay, answer a correction), staff decisions, 登簿 of a change of identity, a
 * mortgage's certificate, 归档 and the utilities — the next case and the effects, as data.
 */
import {
  transition,
  type CaseCaller,
  type CaseEffect,
  type CaseRecord,
  type TransitionContext,
} from '../../../mock-server/src/domain/cases';
import { AppError } from '../../../mock-server/src/domain/errors';
import { SALE, businessType, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';
const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
const seller: CaseCaller = { kind: 'party', personId: 'P001' };
const system: CaseCaller = { kind: 'system' };
const staff: CaseCaller = { kind: 'staff', staffId: 'S001', displayName: '王芳' };
const ctx = (actor: CaseCaller, over: Partial<TransitionContext> = {}): TransitionContext => ({
  businessType: SALE,
  actor,
  at: AT,
  ...over,
});
const everyone = ['P001', 'P002', 'P048'];
const types = (e: CaseEffect[]) => e.map((x) => x.type);

/** The AppError a transition throws, as code and message. */
function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

const unknownMarriage = (): CaseRecord['marriageCheck'] => ({
  checkedAt: AT,
  holders: [
    { personId: 'P001', status: 'unknown' },
    { personId: 'P002', status: 'married', spouseId: 'P001' },
  ],
});

describe('the parties’ steps through transition()', () => {
  it('startSigning: a complete draft goes to signing and organisations are asked to seal', () => {
    const c = saleCase({ parties: saleCase().parties.map((p) => ({ ...p, signedAt: AT })) });
    const r = transition(c, { type: 'startSigning' }, ctx(buyer, { partyName: '应敏' }));
    expect(r.next.status).toBe('signing');
    expect(r.next.parties.every((p) => !p.signedAt)).toBe(true);
    expect(r.next.version).toBe(2);
    expect(r.next.timeline.at(-1)).toMatchObject({ action: 'startSigning', from: 'draft' });
    expect(r.effects).toEqual([{ type: 'organisationsSign' }]);
  });

  it('edit: the fields patched, one version on, nothing follows', () => {
    const r = transition(saleCase(), { type: 'edit', patch: { priceYuan: 1 } }, ctx(buyer));
    expect(r.next).toMatchObject({ priceYuan: 1, status: 'draft', version: 2 });
    expect(r.effects).toEqual([]);
  });

  it('invite: the invitation stored and only the invited party told, with the code', () => {
    const c = saleCase();
    const r = transition(
      c,
      {
        type: 'invite',
        partyId: 'P001',
        code: 'ABC234',
        expiresAt: '2026-12-04T02:00:00.000Z',
        inviterName: '应敏',
      },
      ctx(buyer),
    );
    expect(r.next).toBe(c);
    expect(r.effects).toEqual([
      {
        type: 'saveInvitation',
        partyId: 'P001',
        code: 'ABC234',
        expiresAt: '2026-12-04T02:00:00.000Z',
      },
      {
        type: 'deliverMessage',
        title: '待我签署：您被邀请共同申请不动产登记',
        body: '应敏邀请您共同办理登记。请登录后在“待我签署”中查看，或输入邀请码 ABC234（2026年12月4日 10:00 前有效）。',
        to: ['P001'],
        // also told on the channels (短信, 浙里办消息), where the template masks the name
        event: 'invitation',
        facts: { actorName: '应敏', businessTypeName: '二手房买卖转移登记' },
        invitationCode: 'ABC234',
      },
    ]);
  });

  it('invite is the initiator’s, for another party of the case, before submission', () => {
    const invite = (c: CaseRecord, actor: CaseCaller, partyId: string) => () =>
      transition(
        c,
        { type: 'invite', partyId, code: 'X', expiresAt: AT, inviterName: '' },
        ctx(actor),
      );
    expect(refusal(invite(saleCase(), seller, 'P002'))).toEqual({
      code: 'FORBIDDEN',
      message: '只有申请发起人可以邀请',
    });
    expect(refusal(invite(saleCase(), buyer, 'P048'))).toEqual({
      code: 'NOT_FOUND',
      message: '该办件没有这位当事人',
    });
    expect(refusal(invite(saleCase({ status: 'submitted' }), buyer, 'P001'))).toEqual({
      code: 'CONFLICT',
      message: '办件当前状态不能再邀请当事人',
    });
  });

  it('uploadMaterial: the checklist item refers to the file; signatures are re-checked', () => {
    const c = saleCase({ status: 'signing' });
    const r = transition(
      c,
      { type: 'uploadMaterial', materialCode: 'identity', fileId: 'FILE-1' },
      ctx(seller),
    );
    expect(r.next.materials.find((m) => m.code === 'identity')).toEqual({
      code: 'identity',
      source: 'scan',
      status: 'provided',
      ref: 'FILE-1',
    });
    expect(r.next.materials.filter((m) => m.code === 'identity')).toHaveLength(1);
    expect(r.next.version).toBe(2);
    expect(r.next.status).toBe('signing');
    expect(r.effects).toEqual([{ type: 'reconcileSignatures' }]);
  });

  it('uploadMaterial is refused for a shared-only item, the online form and after submission', () => {
    const upload = (c: CaseRecord, materialCode: string) => () =>
      transition(c, { type: 'uploadMaterial', materialCode, fileId: 'F' }, ctx(buyer));
    expect(refusal(upload(saleCase(), 'taxReceipt')).code).toBe('MATERIAL_SOURCE_NOT_ALLOWED');
    expect(refusal(upload(saleCase(), 'applicationForm')).code).toBe('MATERIAL_SOURCE_NOT_ALLOWED');
    expect(refusal(upload(saleCase(), 'nothing'))).toEqual({
      code: 'NOT_FOUND',
      message: '本业务没有这项材料',
    });
    expect(refusal(upload(saleCase({ status: 'review' }), 'identity'))).toEqual({
      code: 'CONFLICT',
      message: '办件当前状态不能补充材料',
    });
  });

  it('commitMaterial: the 告知承诺 stored for the committing party; the marriage only by its holder', () => {
    const c = saleCase({ marriageCheck: unknownMarriage() });
    const r = transition(c, { type: 'commitMaterial', materialCode: 'marriage' }, ctx(seller));
    expect(r.next.materials.find((m) => m.code === 'marriage')).toEqual({
      code: 'marriage',
      source: 'commitment',
      status: 'provided',
      ref: 'commitment:P001',
    });
    expect(r.effects).toEqual([
      { type: 'saveCommitment', partyId: 'P001', materialCode: 'marriage' },
      { type: 'reconcileSignatures' },
    ]);
    expect(
      refusal(() =>
        transition(c, { type: 'commitMaterial', materialCode: 'marriage' }, ctx(buyer)),
      ),
    ).toEqual({
      code: 'MARITAL_COMMITMENT_NOT_YOURS',
      message: '婚姻状况须由登记簿上的权利人本人承诺，其他当事人不能代为承诺',
    });
  });

  it('pledgeMaritalStatus: 民政’s check and the parties replaced, the marriage material committed', () => {
    const c = saleCase({ status: 'signing', marriageCheck: unknownMarriage() });
    const pledged = {
      checkedAt: AT,
      holders: [
        { personId: 'P001', status: 'unmarried' as const },
        ...unknownMarriage()!.holders.slice(1),
      ],
    };
    const r = transition(
      c,
      {
        type: 'pledgeMaritalStatus',
        personId: 'P001',
        marriageCheck: pledged,
        parties: c.parties,
      },
      ctx(seller),
    );
    expect(r.next.marriageCheck).toEqual(pledged);
    expect(r.next.materials.find((m) => m.code === 'marriage')?.ref).toBe('maritalCommitment:P001');
    expect(r.effects).toEqual([{ type: 'reconcileSignatures' }]);
    expect(
      refusal(() =>
        transition(
          c,
          { type: 'pledgeMaritalStatus', personId: 'P001', marriageCheck: pledged, parties: [] },
          ctx({ kind: 'party', personId: 'P002' }),
        ),
      ).code,
    ).toBe('MARITAL_COMMITMENT_NOT_YOURS');
  });

  it('submit with 民政’s fresh answer keeps it on the case', () => {
    const c = saleCase({
      status: 'signing',
      parties: saleCase().parties.map((p) => ({ ...p, signedAt: AT })),
    });
    const fresh = { checkedAt: AT, holders: [{ personId: 'P001', status: 'unmarried' as const }] };
    const r = transition(
      c,
      { type: 'submit', caseNumber: 'N', materials: [], marriageCheck: fresh },
      ctx(buyer),
    );
    expect(r.next).toMatchObject({ status: 'submitted', marriageCheck: fresh, submittedAt: AT });
  });

  it('payTax: the receipt shared by 税务 on the checklist; the machine takes the review on', () => {
    const r = transition(
      saleCase({ status: 'taxPending' }),
      { type: 'payTax', receiptNo: 'WS-1' },
      ctx(buyer),
    );
    expect(r.next).toMatchObject({ status: 'review', taxPaidAt: AT });
    expect(r.next.materials.filter((m) => m.code === 'taxReceipt')).toEqual([
      { code: 'taxReceipt', source: 'sharedData', status: 'provided', ref: '税务:WS-1' },
    ]);
    expect(r.effects).toEqual([{ type: 'continueProcessing' }]);
  });

  it('answerCorrection: the materials merged, the answer noted; the machine takes intake again', () => {
    const c = saleCase({
      status: 'correctionRequested',
      correction: { requestedAt: AT, items: [{ code: 'materials.complete', explanation: '缺' }] },
    });
    const fixed = {
      code: 'identity',
      source: 'scan' as const,
      status: 'provided' as const,
      ref: 'F',
    };
    const r = transition(
      c,
      { type: 'answerCorrection', materials: [fixed], note: '已补' },
      ctx(buyer),
    );
    expect(r.next.status).toBe('corrected');
    expect(r.next.materials.find((m) => m.code === 'identity')).toEqual(fixed);
    expect(r.next.materials).toHaveLength(c.materials.length);
    expect(r.next.correction).toMatchObject({ note: '已补', answeredAt: AT });
    expect(r.effects).toEqual([{ type: 'continueProcessing' }]);
    expect(
      refusal(() =>
        transition(
          c,
          { type: 'answerCorrection', materials: [{ ...fixed, code: 'nothing' }] },
          ctx(buyer),
        ),
      ),
    ).toEqual({ code: 'VALIDATION_FAILED', message: '本业务没有“nothing”这项材料' });
  });
});

describe('staff decisions through transition()', () => {
  const queued = (status: CaseRecord['status']) =>
    saleCase({ status, manualQueue: { since: AT, stage: 'intake', reasons: [] } });

  it('accept: due dates, the 受理凭证 under 条例第十七条; out of the queue, the machine carries on', () => {
    const r = transition(queued('submitted'), { type: 'accept', reasons: [] }, ctx(staff));
    expect(r.next.status).toBe('accepted');
    expect(r.next.manualQueue).toBeUndefined();
    expect(r.next.timeline.at(-1)?.actor).toEqual({
      kind: 'staff',
      id: 'S001',
      displayName: '王芳',
    });
    expect(r.effects).toEqual([
      {
        type: 'sealNotice',
        kind: 'acceptanceReceipt',
        reasons: [],
        basis: ['《不动产登记暂行条例》第十七条'],
        to: everyone,
      },
      { type: 'continueProcessing' },
    ]);
  });

  it('requestCorrection: the 补正通知书 under 条例第十七条; the parties answer next', () => {
    const reasons = [{ code: 'staff.1', explanation: '请补充身份证明' }];
    const r = transition(queued('submitted'), { type: 'requestCorrection', reasons }, ctx(staff));
    // 补正期限: 10 working days (the default) after Friday 2026-11-27
    expect(r.next.correction).toEqual({
      requestedAt: AT,
      items: reasons,
      dueOn: '2026-12-11',
      dueOnEstimated: false,
      stage: 'intake',
    });
    expect(r.effects).toEqual([
      {
        type: 'sealNotice',
        kind: 'correctionNotice',
        reasons,
        basis: ['《不动产登记暂行条例》第十七条'],
        to: everyone,
      },
    ]);
  });

  it('an approval while the tax is unpaid is 待缴税: noted, the parties told to pay', () => {
    const c = queued('review');
    const r = transition(
      c,
      { type: 'awaitTax', reasons: [], note: ' 已核 ' },
      ctx(staff, { taxOutstanding: true }),
    );
    expect(r.next.status).toBe('taxPending');
    expect(r.next.timeline.at(-1)?.note).toBe('人工审核通过，待缴纳税款后继续办理；已核');
    expect(r.effects).toEqual([
      {
        type: 'deliverMessage',
        title: `${SALE.name}：等待缴纳税款`,
        body: '人工审核已通过。请买卖双方按税务部门核定的金额缴纳税款，缴纳后登记继续办理。',
        to: everyone,
        event: 'paymentDue',
        facts: { businessTypeName: '二手房买卖转移登记', payment: 'tax' },
      },
    ]);
    expect(
      refusal(() => transition(c, { type: 'approve' }, ctx(staff, { taxOutstanding: true }))),
    ).toEqual({ code: 'CONFLICT', message: '办件当前状态不允许此操作' });
  });

  it('staff decide only a case in the manual queue', () => {
    expect(
      refusal(() => transition(saleCase({ status: 'submitted' }), { type: 'accept' }, ctx(staff))),
    ).toEqual({ code: 'CONFLICT', message: '该办件不在人工审核队列中' });
  });
});

describe('the machine’s 登簿, 发证 and 归档 through transition()', () => {
  it('登簿 of a change of identity changes the person first, then appends the events', () => {
    const bt = businessType('change.holderIdentity');
    const change = { personId: 'P001', newName: '李国萍', newIdNumber: '331002197001010011' };
    const r = transition(
      saleCase({ status: 'approved', businessTypeCode: bt.code, identityChange: change }),
      {
        type: 'record',
        recording: {
          kind: 'right',
          certificateId: 'CERT2',
          certificateNumber: 'N',
          licenceId: 'L',
          recordedAt: AT,
          voidAnnounced: false,
        },
        events: [],
        location: '紫荆华庭',
      },
      ctx(system, { businessType: bt }),
    );
    expect(r.next.recording?.certificateId).toBe('CERT2');
    expect(r.effects).toEqual([
      { type: 'changeIdentity', ...change },
      { type: 'appendRegisterEvents', events: [] },
    ]);
  });

  it('发证 of a mortgage: the 不动产登记证明 sealed and sent with its message', () => {
    const bt = businessType('mortgage.first');
    const c = saleCase({
      status: 'recorded',
      businessTypeCode: bt.code,
      parties: [
        { personId: 'P001', name: '李国平', role: 'rightHolder' },
        { personId: 'B1', name: '台州银行', role: 'mortgagee' },
      ],
      recording: {
        kind: 'mortgage',
        certificateId: 'CERT3',
        certificateNumber: '浙(2026)台州市不动产证明第0000001号',
        licenceId: 'L',
        recordedAt: AT,
        voidAnnounced: false,
      },
    });
    const r = transition(
      c,
      {
        type: 'issue',
        certificate: {
          kind: 'registrationProof',
          certificateId: 'CERT3',
          number: '浙(2026)台州市不动产证明第0000001号',
          body: { b: 1 },
        },
        location: '紫荆华庭',
      },
      ctx(system, { businessType: bt }),
    );
    expect(r.next.status).toBe('issued');
    expect(r.effects.slice(0, 2)).toEqual([
      {
        type: 'sealCertificate',
        kind: 'registrationProof',
        certificateId: 'CERT3',
        number: '浙(2026)台州市不动产证明第0000001号',
        body: { b: 1 },
      },
      {
        type: 'deliverMessage',
        title: '不动产登记证明已发放（浙(2026)台州市不动产证明第0000001号）',
        body: `${bt.name}已登簿，电子不动产登记证明（抵押权）已发放给抵押权人台州银行。该不动产的证书核验将显示“已抵押”。`,
        to: ['P001', 'B1'],
        withCertificate: true,
        event: 'issued',
        facts: {
          businessTypeName: bt.name,
          certificateNumber: '浙(2026)台州市不动产证明第0000001号',
        },
      },
    ]);
    expect(types(r.effects).slice(2)).toEqual([
      'fileArchive',
      'requestSharedData',
      'notifyUtilities',
    ]);
  });

  it('归档: an issued case is archived with its archive number; nothing follows', () => {
    const r = transition(
      saleCase({ status: 'issued' }),
      { type: 'archive', archiveNumber: 'A-2026-1' },
      ctx(system),
    );
    expect(r.next.status).toBe('archived');
    expect(r.next.timeline.at(-1)).toMatchObject({ note: '归档：A-2026-1', step: '归档' });
    expect(r.effects).toEqual([]);
  });

  it('the utilities are told again only once the entry is recorded', () => {
    expect(
      transition(saleCase({ status: 'recorded' }), { type: 'retryUtilities' }, ctx(buyer)).effects,
    ).toEqual([{ type: 'notifyUtilities' }]);
    expect(
      refusal(() =>
        transition(saleCase({ status: 'review' }), { type: 'retryUtilities' }, ctx(buyer)),
      ),
    ).toEqual({ code: 'CONFLICT', message: '登簿后才会通知供水、供电、燃气、宽带单位' });
  });
});
