/**
 * The case workflow: which actions each party, staff member and the machine are offered in each
 * status, that the API's availableActions are exactly what the lifecycle plus the signing steps
 * offered before, the refusals (codes and messages of the use cases), and the effects of each
 * transition.
 */
import {
  CASE_STATUSES,
  availableActions,
  allowedActions,
  lifecycleActions,
  transition,
  type CaseCaller,
  type CaseRecord,
  type CaseStatus,
  type TransitionContext,
  type WorkflowContext,
} from '../../../mock-server/src/domain/cases';
import { questionsFor as signingQuestions } from '../../../mock-server/src/domain/signing';
import { AppError } from '../../../mock-server/src/domain/errors';
import { SALE, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';
const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
const seller: CaseCaller = { kind: 'party', personId: 'P001' };
const seller2: CaseCaller = { kind: 'party', personId: 'P002' };
const system: CaseCaller = { kind: 'system' };
const staff: CaseCaller = { kind: 'staff', staffId: 'S001', displayName: '王芳' };
const ctx = (over: Partial<WorkflowContext> = {}): WorkflowContext => ({
  businessType: SALE,
  ...over,
});
const tctx = (actor: CaseCaller, over: Partial<TransitionContext> = {}): TransitionContext => ({
  ...ctx(),
  actor,
  at: AT,
  ...over,
});

/**
 * What the API listed before the workflow: the lifecycle's actions, then the signing steps as
 * SigningService.extraActions added them (copied here as the reference).
 */
function apiBefore(c: CaseRecord, personId: string, answeredBy: string[]): string[] {
  const base: string[] = lifecycleActions(c, { kind: 'party', personId }, SALE);
  const me = c.parties.filter((p) => p.personId === personId);
  if (!me.length) return base;
  const signed = me.every((p) => p.signedAt);
  const answered =
    answeredBy.includes(personId) ||
    (personId === c.createdBy && Object.keys(c.answers).length > 0);
  const hasQuestions = signingQuestions(c, SALE).length > 0;
  const out = base.filter((a) => a !== 'sign' || !hasQuestions || answered);
  const initiator = c.createdBy === personId;
  const early = c.status === 'draft' || c.status === 'signing';
  if (initiator && early && c.parties.some((p) => p.personId !== personId)) out.push('invite');
  if (hasQuestions && early && !signed) out.push('answerInquiry');
  if (
    SALE.materials.some((m) => m.sources.includes('scan') || m.sources.includes('commitment')) &&
    (c.status === 'correctionRequested' || (early && initiator))
  )
    out.push('uploadMaterial');
  return out;
}

const expectRefused = (f: () => unknown, code: string, message?: string) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    if (message) expect((e as AppError).message).toBe(message);
    return;
  }
  throw new Error(`expected ${code}`);
};

describe('workflow: what the API offers a party', () => {
  it('follows a sale as the server test sees it', () => {
    const draft = saleCase({ answers: {}, newCoOwnership: undefined });
    expect(availableActions(draft, buyer, ctx())).toEqual([
      'edit',
      'withdraw',
      'invite',
      'answerInquiry',
      'uploadMaterial',
    ]);
    const complete = saleCase();
    expect(availableActions(complete, buyer, ctx())).toEqual([
      'edit',
      'startSigning',
      'withdraw',
      'invite',
      'answerInquiry',
      'uploadMaterial',
    ]);
    let c = transition(complete, { type: 'startSigning' }, tctx(buyer)).next;
    c = transition(c, { type: 'sign' }, tctx(buyer)).next;
    expect(availableActions(c, buyer, ctx())).toEqual(['withdraw', 'invite', 'uploadMaterial']);
    // a seller must answer the 询问笔录 before signing; declining is offered
    expect(availableActions(c, seller, ctx())).toEqual(['withdraw', 'decline', 'answerInquiry']);
    const answered = ctx({ inquiryAnsweredBy: ['P001', 'P002'] });
    expect(availableActions(c, seller, answered)).toEqual([
      'sign',
      'withdraw',
      'decline',
      'answerInquiry',
    ]);
    c = transition(c, { type: 'sign' }, { ...tctx(seller), ...answered }).next;
    c = transition(c, { type: 'sign' }, { ...tctx(seller2), ...answered }).next;
    expect(availableActions(c, seller2, answered)).toEqual(['submit', 'withdraw']);
    // the buyer pays the tax and, as the new right holder, the registration fee
    expect(availableActions({ ...c, status: 'taxPending' }, buyer, ctx())).toEqual([
      'withdraw',
      'payTax',
      'payFee',
    ]);
    expect(availableActions({ ...c, status: 'issued' }, buyer, ctx())).toEqual([]);
  });

  it('is exactly what the lifecycle and the signing steps offered, in every status', () => {
    const signedBy = [[], ['P048'], ['P048', 'P001', 'P002']];
    for (const status of CASE_STATUSES)
      for (const signers of signedBy)
        for (const answeredBy of [[], ['P001'], ['P001', 'P002']])
          for (const answers of [{}, saleCase().answers]) {
            const c = saleCase({ status, answers }).parties;
            const k = saleCase({
              status,
              answers,
              parties: c.map((p) => (signers.includes(p.personId) ? { ...p, signedAt: AT } : p)),
            });
            for (const who of ['P048', 'P001', 'P002', 'P030'])
              expect([
                status,
                who,
                availableActions(
                  k,
                  { kind: 'party', personId: who },
                  ctx({ inquiryAnsweredBy: answeredBy }),
                ),
              ]).toEqual([status, who, apiBefore(k, who, answeredBy)]);
          }
  });

  it('the old lifecycle-only form is unchanged for current callers', () => {
    expect(availableActions(saleCase(), buyer, SALE)).toEqual(['edit', 'startSigning', 'withdraw']);
    expect(availableActions(saleCase(), buyer)).toEqual(['edit', 'startSigning', 'withdraw']);
  });
});

describe('workflow: staff and the machine', () => {
  const queued = (status: CaseStatus): CaseRecord =>
    saleCase({ status, manualQueue: { since: AT, stage: 'intake', reasons: [] } });

  it.each<[CaseStatus, boolean, string[]]>([
    ['submitted', false, ['accept', 'notAccept', 'requestCorrection', 'requestRecheck']],
    ['corrected', false, ['accept', 'notAccept', 'requestCorrection', 'requestRecheck']],
    ['review', false, ['approve', 'refuse', 'requestRecheck']],
    ['review', true, ['awaitTax', 'refuse', 'requestRecheck']],
    ['taxPending', true, ['refuse', 'requestRecheck']],
  ])('staff in %s (tax outstanding: %s) may %j', (status, taxOutstanding, actions) => {
    expect(availableActions(queued(status), staff, ctx({ taxOutstanding }))).toEqual(actions);
    // nothing outside the queue, and the machine does not decide what staff have
    expect(availableActions(saleCase({ status }), staff, ctx())).toEqual(['requestRecheck']);
    expect(allowedActions(queued(status), system, ctx())).not.toContain('approve');
  });

  it.each<[CaseStatus, string[]]>([
    ['draft', ['requestRecheck', 'recordMarriageAnswer']],
    ['submitted', ['accept', 'notAccept', 'requestCorrection', 'queueForStaff', 'requestRecheck']],
    ['accepted', ['requestCorrection', 'startReview', 'requestRecheck']],
    ['review', ['queueForStaff', 'awaitTax', 'approve', 'refuse', 'requestRecheck']],
    ['approved', ['record', 'requestRecheck']],
    ['recorded', ['issue', 'requestRecheck']],
    ['issued', ['archive', 'requestRecheck']],
    ['archived', []],
  ])('the machine in %s may %j', (status, actions) => {
    expect(availableActions(saleCase({ status }), system, ctx())).toEqual(actions);
  });

  it('a staff decision outside the queue is refused as the console says', () => {
    expectRefused(
      () => transition(saleCase({ status: 'review' }), { type: 'approve' }, tctx(staff)),
      'CONFLICT',
      '该办件不在人工审核队列中',
    );
  });
});

describe('workflow: refusals keep the use cases’ codes and messages', () => {
  const signing = saleCase({ status: 'signing' });
  it.each<[string, () => unknown, string, string]>([
    [
      'invite by another party',
      () =>
        transition(
          signing,
          { type: 'invite', partyId: 'P048', code: 'X', expiresAt: AT, inviterName: '' },
          tctx(seller),
        ),
      'FORBIDDEN',
      '只有申请发起人可以邀请',
    ],
    [
      'invite after submission',
      () =>
        transition(
          { ...signing, status: 'submitted' },
          { type: 'invite', partyId: 'P001', code: 'X', expiresAt: AT, inviterName: '' },
          tctx(buyer),
        ),
      'CONFLICT',
      '办件当前状态不能再邀请当事人',
    ],
    [
      'invite of a stranger',
      () =>
        transition(
          signing,
          { type: 'invite', partyId: 'P030', code: 'X', expiresAt: AT, inviterName: '' },
          tctx(buyer),
        ),
      'NOT_FOUND',
      '该办件没有这位当事人',
    ],
    [
      'sign before answering',
      () => transition(signing, { type: 'sign' }, tctx(seller)),
      'CONFLICT',
      '请先回答您的询问笔录，再签名',
    ],
    [
      'sign in draft',
      () => transition(saleCase(), { type: 'sign' }, tctx(buyer)),
      'CONFLICT',
      '办件当前不在签署阶段',
    ],
    [
      'pay before 待缴税',
      () => transition(signing, { type: 'payTax', receiptNo: 'R' }, tctx(buyer)),
      'CONFLICT',
      '办件当前不在缴税环节',
    ],
    [
      'answer another’s 询问笔录',
      () =>
        transition(signing, { type: 'answerInquiry', partyId: 'P001', answers: {} }, tctx(buyer)),
      'NOT_FOUND',
      '询问笔录不存在',
    ],
    [
      'answer after submission',
      () =>
        transition(
          { ...signing, status: 'submitted' },
          { type: 'answerInquiry', partyId: 'P048', answers: {} },
          tctx(buyer),
        ),
      'CONFLICT',
      '办件已提交，询问笔录不能再修改',
    ],
    [
      'upload a shared-only material',
      () =>
        transition(
          signing,
          { type: 'uploadMaterial', materialCode: 'taxReceipt', fileId: 'F' },
          tctx(buyer),
        ),
      'MATERIAL_SOURCE_NOT_ALLOWED',
      '“完税证明”由税务共享或在线生成，无需上传',
    ],
    [
      'upload at review',
      () =>
        transition(
          { ...signing, status: 'review' },
          { type: 'uploadMaterial', materialCode: 'identity', fileId: 'F' },
          tctx(buyer),
        ),
      'CONFLICT',
      '办件当前状态不能补充材料',
    ],
    [
      'pledge for another',
      () =>
        transition(
          signing,
          {
            type: 'pledgeMaritalStatus',
            personId: 'P001',
            marriageCheck: { checkedAt: AT, holders: [] },
            parties: [],
          },
          tctx(buyer),
        ),
      'MARITAL_COMMITMENT_NOT_YOURS',
      '婚姻状况承诺须由权利人本人作出，他人不能代为承诺',
    ],
    [
      'contract terms after submission',
      () =>
        transition(
          { ...signing, status: 'submitted' },
          {
            type: 'editContract',
            terms: {
              priceFen: 120_000_000,
              paymentMethod: 'fullPayment',
              handoverDate: '2026-12-31',
              fixtures: '',
            },
          },
          tctx(buyer),
        ),
      'CONTRACT_LOCKED',
      '合同已随申请提交并网签备案，条款不能再修改',
    ],
    [
      'utilities after recording',
      () =>
        transition(
          { ...signing, status: 'recorded' },
          { type: 'chooseUtilities', choices: [{ kind: 'water' }] },
          tctx(buyer),
        ),
      'CONFLICT',
      '办件已登簿或已办结，不能再更改联动过户',
    ],
    [
      'objection on a withdrawn case',
      () =>
        transition(
          { ...signing, status: 'withdrawn' },
          { type: 'objectToSharedData' },
          tctx(buyer),
        ),
      'CONFLICT',
      '办件当前状态不能对共享数据提出异议',
    ],
  ])('%s', (_name, f, code, message) => expectRefused(f, code, message));
});
