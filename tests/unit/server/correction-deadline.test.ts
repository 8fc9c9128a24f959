/**
 * 补正期限 in the pure workflow: set when a 补正通知书 is decided, from the business type's
 * working days (the catalogue's, else the default) on the working-day calendar
 * (docs/registry-facts.md §7: 2026's 国庆 and its make-up Saturday); ended by the machine only once
 * it has passed — 不予受理 (条例第十七条) when asked at 受理, 不予登记 (条例第二十二条) when asked
 * after acceptance — with the notice and the finished case's follow-ups.
 */
import {
  availableActions,
  machineStepOf,
  transition,
  type CaseCaller,
  type CaseRecord,
  type TransitionContext,
} from '../../../mock-server/src/domain/cases';
import { AppError } from '../../../mock-server/src/domain/errors';
import { SALE, saleCase } from './cases-support';

/** Wednesday 2026-09-30, 10:00 in Beijing: the day before 国庆 */
const AT = '2026-09-30T02:00:00.000Z';
const system: CaseCaller = { kind: 'system' };
const ctx = (at: string, over: Partial<TransitionContext> = {}): TransitionContext => ({
  businessType: SALE,
  actor: system,
  at,
  ...over,
});
const missing = [{ code: 'materials.complete', explanation: '缺少网签买卖合同' }];

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('not refused');
};

function asked(status: CaseRecord['status'], businessType = SALE): CaseRecord {
  return transition(
    saleCase({ status, caseNumber: '2026093000001' }),
    { type: 'requestCorrection', reasons: missing },
    ctx(AT, { businessType }),
  ).next;
}

describe('补正期限', () => {
  it('is the catalogue’s working days after the notice, over 国庆 and its make-up Saturday', () => {
    // 10/1–10/7 off; 10/8 Thu, 10/9 Fri, 10/10 Sat (worked), 10/12 Mon, 10/13 Tue
    const five = asked('submitted', { ...SALE, correctionWorkingDays: 5 });
    expect(five.correction).toMatchObject({
      requestedAt: AT,
      items: missing,
      dueOn: '2026-10-13',
      dueOnEstimated: false,
      stage: 'intake',
    });
    // a catalogue that sets none: the default, 10 working days
    expect(asked('submitted').correction?.dueOn).toBe('2026-10-20');
    expect(asked('accepted').correction?.stage).toBe('review');
  });

  it('the notice decided carries it (the runner seals it with the case’s due date)', () => {
    const r = transition(
      saleCase({ status: 'submitted' }),
      { type: 'requestCorrection', reasons: missing },
      ctx(AT),
    );
    expect(r.effects[0]).toMatchObject({ type: 'sealNotice', kind: 'correctionNotice' });
    expect(r.next.correction?.dueOn).toBe('2026-10-20');
  });

  it('is not acted on up to and including its last day; the day after, the machine ends the case', () => {
    const c = asked('submitted');
    const lastDay = '2026-10-20T15:59:59.000Z'; // 23:59:59 in Beijing on 10/20
    const nextDay = '2026-10-20T16:00:00.000Z'; // 00:00 in Beijing on 10/21
    expect(machineStepOf(c, '2026-10-20')).toBeUndefined();
    expect(code(() => transition(c, { type: 'lapseCorrection' }, ctx(lastDay)))).toBe('CONFLICT');
    expect(machineStepOf(c, '2026-10-21')).toBe('lapseCorrection');

    const r = transition(c, { type: 'lapseCorrection' }, ctx(nextDay));
    expect(r.next.status).toBe('notAccepted');
    expect(r.next.decisionReasons).toEqual([
      {
        code: 'correctionLapsed',
        explanation: '申请人未在补正期限（2026-10-20）内按补正通知书补正',
      },
    ]);
    expect(r.next.timeline.at(-1)).toMatchObject({
      action: 'notAccept',
      step: '受理',
      from: 'correctionRequested',
      to: 'notAccepted',
      actor: { displayName: '台州市不动产登记服务中心' },
    });
    expect(r.effects).toEqual([
      {
        type: 'sealNotice',
        kind: 'nonAcceptanceNotice',
        reasons: r.next.decisionReasons,
        basis: ['《不动产登记暂行条例》第十七条'],
        to: ['P001', 'P002', 'P048'],
      },
      { type: 'fileArchive' },
      { type: 'requestSharedData', after: 'completion' },
    ]);
  });

  it('asked after acceptance, its lapse is 不予登记 under 条例第二十二条', () => {
    const r = transition(
      asked('accepted'),
      { type: 'lapseCorrection' },
      ctx('2026-10-21T02:00:00.000Z'),
    );
    expect(r.next.status).toBe('refused');
    expect(r.effects[0]).toMatchObject({
      type: 'sealNotice',
      kind: 'refusalNotice',
      basis: ['《不动产登记暂行条例》第二十二条'],
    });
  });

  it('only the machine ends it, and only through the lapse (never a bare decision)', () => {
    const c = asked('submitted');
    const later = ctx('2026-11-02T02:00:00.000Z');
    const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
    expect(code(() => transition(c, { type: 'lapseCorrection' }, { ...later, actor: buyer }))).toBe(
      'CONFLICT',
    );
    expect(code(() => transition(c, { type: 'notAccept', reasons: missing }, later))).toBe(
      'CONFLICT',
    );
    expect(code(() => transition(c, { type: 'refuse', reasons: missing }, later))).toBe('CONFLICT');
    expect(availableActions(c, buyer, { businessType: SALE })).not.toContain('lapseCorrection');
    // a request made before periods were set never lapses
    const old: CaseRecord = { ...c, correction: { requestedAt: AT, items: missing } };
    expect(machineStepOf(old, '2030-01-01')).toBeUndefined();
  });
});
