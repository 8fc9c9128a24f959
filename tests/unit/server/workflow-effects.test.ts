/**
 * Effects of the case workflow's transitions (what the use cases did after each change) and the
 * status predicates that replace status comparisons outside the domain.
 */
import {
  CASE_STATUSES,
  FINISHED_STATUSES,
  MACHINE_STATUSES,
  acceptsMaterials,
  acceptsObjections,
  awaitsMachine,
  canEditParties,
  isFinished,
  isInProcess,
  isInStaffQueue,
  isOpen,
  isReadyToFile,
  isRecorded,
  isTerminal,
  transition,
  type CaseCaller,
  type CaseEffect,
  type CaseRecord,
  type CaseStatus,
  type TransitionContext,
} from '../../../mock-server/src/domain/cases';
import type { RegisterEvent } from '../../../mock-server/src/domain/register';
import { SALE, businessType, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';
const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
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
const signedSale = () =>
  saleCase({ status: 'signing', parties: saleCase().parties.map((p) => ({ ...p, signedAt: AT })) });

describe('workflow effects', () => {
  it('submit: shared data, the contract filed, intake requested', () => {
    const r = transition(
      signedSale(),
      { type: 'submit', caseNumber: '2026112700001', materials: [] },
      ctx(buyer, { partyName: '应敏' }),
    );
    expect(r.next.status).toBe('submitted');
    expect(r.next.caseNumber).toBe('2026112700001');
    expect(r.next.version).toBe(2);
    expect(r.effects).toEqual([
      { type: 'requestSharedData', after: 'submission' },
      { type: 'fileContract' },
      { type: 'continueProcessing' },
    ]);
  });

  it('machine accept: due dates and the 受理凭证 to every party; the machine carries on', () => {
    const r = transition(saleCase({ status: 'submitted' }), { type: 'accept' }, ctx(system));
    expect(r.next.promisedDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.next.timeline.at(-1)?.actor.displayName).toBe('台州市不动产登记服务中心');
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

  it('machine notAccept: the notice cites the failed rules; the case is filed', () => {
    const reasons = [{ code: 'materials.complete', explanation: '缺少材料' }];
    const r = transition(
      saleCase({ status: 'submitted' }),
      { type: 'notAccept', reasons },
      ctx(system),
    );
    expect(r.next.decisionReasons).toEqual(reasons);
    expect(r.effects).toEqual([
      {
        type: 'sealNotice',
        kind: 'nonAcceptanceNotice',
        reasons,
        basis: ['《不动产登记暂行条例》第十六条、第十七条'],
        to: everyone,
      },
      { type: 'fileArchive' },
      { type: 'requestSharedData', after: 'completion' },
    ]);
  });

  it('staff refuse: 不予登记告知书 under 条例第二十二条', () => {
    const reasons = [{ code: 'staff.refuse.1', explanation: '权属有争议' }];
    const c = saleCase({
      status: 'review',
      manualQueue: { since: AT, stage: 'review', reasons: [] },
    });
    const r = transition(c, { type: 'refuse', reasons }, ctx(staff));
    expect(r.next.manualQueue).toBeUndefined();
    expect(r.effects[0]).toEqual({
      type: 'sealNotice',
      kind: 'refusalNotice',
      reasons,
      basis: ['《不动产登记暂行条例》第二十二条'],
      to: everyone,
    });
  });

  it('awaitTax: the parties are told to pay (machine: the rule’s explanation)', () => {
    const reasons = [{ code: 'tax.paid', explanation: '尚未缴纳税款' }];
    const r = transition(
      saleCase({ status: 'review' }),
      { type: 'awaitTax', reasons },
      ctx(system),
    );
    expect(r.next.status).toBe('taxPending');
    expect(r.next.timeline.at(-1)?.note).toBe('尚未缴纳税款');
    expect(r.effects).toEqual([
      {
        type: 'deliverMessage',
        title: `${SALE.name}：等待缴纳税款`,
        body: '尚未缴纳税款',
        to: everyone,
        event: 'paymentDue',
        facts: { businessTypeName: '二手房买卖转移登记', payment: 'tax' },
      },
    ]);
  });

  it('queueForStaff: the manual queue at the stage of the case, nothing delivered', () => {
    const r = transition(
      saleCase({ status: 'review' }),
      { type: 'queueForStaff', reasons: [] },
      ctx(system),
    );
    expect(r.next.manualQueue).toEqual({ since: AT, stage: 'review', reasons: [] });
    expect(r.effects).toEqual([]);
  });

  it('record and issue: 登簿 events, void announcement, the certificate and its message, filing', () => {
    const events = [{ eventId: 'EV1' } as unknown as RegisterEvent];
    const recording = {
      kind: 'right' as const,
      rightId: 'R2',
      certificateId: 'CERT2',
      certificateNumber: '浙(2026)台州市不动产权第0000001号',
      licenceId: 'L',
      recordedAt: AT,
      voidAnnounced: true,
    };
    const recorded = transition(
      saleCase({ status: 'approved', caseNumber: '2026112700001' }),
      {
        type: 'record',
        recording,
        events,
        voidAnnouncement: { certificateId: 'CERT1', certificateNumber: 'OLD' },
        location: '紫荆华庭',
      },
      ctx(system),
    );
    expect(recorded.next.status).toBe('recorded');
    expect(recorded.next.timeline.at(-1)?.actor.displayName).toBe('台州市自然资源和规划局');
    expect(recorded.effects).toEqual([
      { type: 'appendRegisterEvents', events },
      {
        type: 'announceVoid',
        certificateId: 'CERT1',
        certificateNumber: 'OLD',
        unitCode: recorded.next.unitCode,
        location: '紫荆华庭',
        reason: `因办理${SALE.name}（业务号2026112700001），原纸质证书公告作废`,
      },
    ]);
    const issued = transition(
      recorded.next,
      {
        type: 'issue',
        certificate: {
          kind: 'titleCertificate',
          certificateId: 'CERT2',
          number: recording.certificateNumber,
          body: { b: 1 },
        },
        location: '紫荆华庭',
      },
      ctx(system),
    );
    expect(issued.next.status).toBe('issued');
    expect(types(issued.effects)).toEqual([
      'sealCertificate',
      'deliverMessage',
      'fileArchive',
      'requestSharedData',
      'notifyUtilities',
    ]);
    expect(issued.effects[1]).toEqual({
      type: 'deliverMessage',
      title: `不动产权证书已发放（${recording.certificateNumber}）`,
      body: `${SALE.name}已登簿，电子不动产权证书已发放。原纸质证书已公告作废。`,
      to: everyone,
      withCertificate: true,
      event: 'issued',
      facts: {
        businessTypeName: '二手房买卖转移登记',
        caseNumber: '2026112700001',
        certificateNumber: recording.certificateNumber,
      },
    });
  });

  it('a mortgage cancellation issues nothing and says so', () => {
    const bt = businessType('mortgage.cancellation');
    const c = saleCase({
      status: 'recorded',
      businessTypeCode: bt.code,
      caseNumber: '2026112700002',
      recording: {
        kind: 'mortgageCancellation',
        certificateId: 'P',
        certificateNumber: '浙(2025)台州市不动产证明第0000009号',
        licenceId: '',
        recordedAt: AT,
        voidAnnounced: false,
      },
    });
    const r = transition(
      c,
      { type: 'issue', location: '紫荆华庭' },
      ctx(system, { businessType: bt }),
    );
    expect(r.next.timeline.at(-1)?.note).toBe('注销登记不发新证，原不动产登记证明已注销');
    expect(r.effects[0]).toEqual({
      type: 'deliverMessage',
      title: '抵押权已注销（2026112700002）',
      body: `${bt.name}已登簿，紫荆华庭的抵押权已注销，不动产登记证明浙(2025)台州市不动产证明第0000009号同时注销。`,
      to: everyone,
    });
  });

  it('decline voids the signatures and tells every party', () => {
    const c = saleCase({ status: 'signing' });
    const r = transition(
      c,
      { type: 'decline', reason: '价格有误' },
      ctx({ kind: 'party', personId: 'P001' }, { partyName: '李国平' }),
    );
    expect(r.next.status).toBe('draft');
    expect(r.effects).toEqual([
      { type: 'voidSignatures' },
      {
        type: 'deliverMessage',
        title: '当事人拒绝签署，办件已退回申请人',
        body: '李国平拒绝签署，理由：价格有误。办件已退回申请发起人修改，已有的签名作废，修改后需全体当事人重新签署。',
        to: everyone,
      },
    ]);
  });

  it('withdraw finishes the case: filed, no utilities', () => {
    const r = transition(saleCase({ status: 'review' }), { type: 'withdraw' }, ctx(buyer));
    expect(r.effects).toEqual([
      { type: 'fileArchive' },
      { type: 'requestSharedData', after: 'completion' },
    ]);
  });

  it('steps keep the status: an inquiry answered is stored and signatures re-checked', () => {
    const c = saleCase({ status: 'signing' });
    const r = transition(
      c,
      { type: 'answerInquiry', partyId: 'P048', answers: { ...c.answers } },
      ctx(buyer),
    );
    expect(r.next).toBe(c);
    expect(types(r.effects)).toEqual(['saveInquiry', 'reconcileSignatures']);
    const late = transition(
      { ...c, status: 'submitted' },
      { type: 'recordMarriageAnswer', marriageCheck: { checkedAt: AT, holders: [] }, parties: [] },
      ctx(system),
    );
    expect(late.effects).toEqual([]);
  });
});

describe('status predicates', () => {
  const of = (status: CaseStatus) => ({ status }) as CaseRecord;
  const where = (p: (c: CaseRecord) => boolean) => CASE_STATUSES.filter((s) => p(of(s)));

  it('one finished notion: issued, archived and the three early ends', () => {
    expect(where(isFinished)).toEqual(
      [...FINISHED_STATUSES].sort((a, b) => CASE_STATUSES.indexOf(a) - CASE_STATUSES.indexOf(b)),
    );
    expect(where(isReadyToFile)).toEqual(['notAccepted', 'refused', 'issued', 'withdrawn']);
    expect(where(isTerminal)).toEqual(['notAccepted', 'refused', 'archived', 'withdrawn']);
  });

  it.each<[string, (c: CaseRecord) => boolean, CaseStatus[]]>([
    ['canEditParties', canEditParties, ['draft', 'signing']],
    ['acceptsMaterials', acceptsMaterials, ['draft', 'signing', 'correctionRequested']],
    ['isRecorded', isRecorded, ['recorded', 'issued', 'archived']],
    [
      'isOpen',
      isOpen,
      [
        'draft',
        'signing',
        'submitted',
        'accepted',
        'correctionRequested',
        'corrected',
        'review',
        'taxPending',
        'approved',
      ],
    ],
    [
      'isInProcess',
      isInProcess,
      [
        'submitted',
        'accepted',
        'correctionRequested',
        'corrected',
        'review',
        'taxPending',
        'approved',
      ],
    ],
    [
      'acceptsObjections',
      acceptsObjections,
      [
        'draft',
        'signing',
        'submitted',
        'accepted',
        'correctionRequested',
        'corrected',
        'review',
        'taxPending',
        'approved',
        'recorded',
        'issued',
      ],
    ],
  ])('%s', (_n, p, statuses) => expect(where(p)).toEqual(statuses));

  it('the machine and the staff queue', () => {
    expect(where(awaitsMachine)).toEqual(CASE_STATUSES.filter((s) => MACHINE_STATUSES.includes(s)));
    const queued = (s: CaseStatus) =>
      ({
        status: s,
        manualQueue: { since: AT, stage: 'intake', reasons: [] },
      }) as unknown as CaseRecord;
    expect(awaitsMachine(queued('review'))).toBe(false);
    expect(CASE_STATUSES.filter((s) => isInStaffQueue(queued(s)))).toEqual([
      'submitted',
      'corrected',
      'review',
      'taxPending',
    ]);
  });
});
