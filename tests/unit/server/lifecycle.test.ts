import {
  ALLOWED_EDGES,
  applyAction,
  availableActions,
  BUREAU,
  CASE_ACTIONS,
  SERVICE_CENTRE,
  TRANSITIONS,
  beijingDate,
  dueDates,
  type CaseAction,
  type CaseCaller,
  type CaseRecord,
  type CaseStatus,
} from '../../../mock-server/src/domain/cases';
import { SALE, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';
const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
const seller: CaseCaller = { kind: 'party', personId: 'P001' };
const stranger: CaseCaller = { kind: 'party', personId: 'P030' };
const system: CaseCaller = { kind: 'system' };
const staff: CaseCaller = { kind: 'staff', staffId: 'S001', displayName: '王芳' };

function run(c: CaseRecord, steps: [CaseAction, CaseCaller][]): CaseRecord {
  let cur = c;
  for (const [a, who] of steps) {
    const r = applyAction(cur, a, who, AT, { businessType: SALE });
    if (!r.ok) throw new Error(`${a}: ${r.reason}`);
    cur = r.case;
  }
  return cur;
}

const signed = () =>
  run(saleCase(), [
    ['startSigning', buyer],
    ['sign', buyer],
    ['sign', seller],
    ['sign', { kind: 'party', personId: 'P002' }],
  ]);

describe('case lifecycle: transitions table', () => {
  // every (status, action, caller kind) the table allows, and a sample that it forbids
  it.each<[CaseStatus, CaseAction, CaseCaller['kind'], boolean]>([
    ['draft', 'edit', 'party', true],
    ['draft', 'startSigning', 'party', true],
    ['draft', 'submit', 'party', false],
    ['draft', 'accept', 'system', false],
    ['signing', 'sign', 'party', true],
    ['signing', 'submit', 'party', true],
    ['signing', 'edit', 'party', false],
    ['submitted', 'accept', 'system', true],
    ['submitted', 'notAccept', 'system', true],
    ['submitted', 'requestCorrection', 'system', true],
    ['submitted', 'accept', 'party', false],
    ['correctionRequested', 'answerCorrection', 'party', true],
    ['correctionRequested', 'accept', 'system', false],
    ['corrected', 'accept', 'system', true],
    ['corrected', 'requestCorrection', 'system', true],
    ['accepted', 'startReview', 'system', true],
    ['accepted', 'approve', 'system', false],
    ['review', 'approve', 'system', true],
    ['review', 'refuse', 'system', true],
    ['review', 'awaitTax', 'system', true],
    ['review', 'record', 'system', false],
    ['taxPending', 'payTax', 'party', true],
    ['taxPending', 'refuse', 'system', true],
    ['taxPending', 'approve', 'system', false],
    ['approved', 'record', 'system', true],
    ['approved', 'withdraw', 'party', true],
    ['recorded', 'withdraw', 'party', false],
    ['recorded', 'issue', 'system', true],
    ['issued', 'archive', 'system', true],
    ['issued', 'withdraw', 'party', false],
  ])('%s --%s by %s--> allowed: %s', (status, action, kind, allowed) => {
    const t = TRANSITIONS[action];
    expect(t.from.includes(status) && t.by.includes(kind)).toBe(allowed);
  });

  it('terminal states offer nothing to anybody', () => {
    for (const status of ['notAccepted', 'refused', 'archived', 'withdrawn'] as const) {
      const c = { ...saleCase(), status };
      for (const who of [buyer, seller, system, staff])
        expect(availableActions(c, who)).toEqual([]);
    }
  });

  it('withdrawal is allowed until recorded and never after (条例§15)', () => {
    for (const t of ALLOWED_EDGES) {
      const [from, to] = t.split('->');
      if (to === 'withdrawn') expect(['recorded', 'issued', 'archived']).not.toContain(from);
    }
    expect(ALLOWED_EDGES.has('approved->withdrawn')).toBe(true);
  });
});

describe('case lifecycle: who may act', () => {
  it('a person who is not a party can do nothing', () => {
    expect(availableActions(saleCase(), stranger)).toEqual([]);
    const r = applyAction(saleCase(), 'edit', stranger, AT);
    expect(r.ok).toBe(false);
  });

  it('offers startSigning only for a complete draft', () => {
    expect(availableActions(saleCase(), buyer, SALE)).toEqual(['edit', 'startSigning', 'withdraw']);
    const incomplete = saleCase({ answers: {} });
    expect(availableActions(incomplete, buyer, SALE)).toEqual(['edit', 'withdraw']);
    const r = applyAction(incomplete, 'startSigning', buyer, AT, { businessType: SALE });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('请回答询问') });
  });

  it('every party signs once; submit only when all have signed', () => {
    const c = run(saleCase(), [
      ['startSigning', buyer],
      ['sign', buyer],
    ]);
    expect(availableActions(c, buyer)).toEqual(['withdraw']);
    expect(availableActions(c, seller)).toEqual(['sign', 'withdraw', 'decline']);
    const all = signed();
    expect(all.parties.every((p) => p.signedAt === AT)).toBe(true);
    expect(availableActions(all, seller)).toEqual(['submit', 'withdraw']);
  });

  it('staff decide only cases in the manual queue; the system none of those', () => {
    const submitted = run(signed(), [['submit', buyer]]);
    expect(availableActions(submitted, staff)).toEqual([]);
    const queued = run(submitted, [['queueForStaff', system]]);
    expect(queued.manualQueue).toBeUndefined(); // no patch given: no reasons recorded
    const withQueue = applyAction(submitted, 'queueForStaff', system, AT, {
      patch: { manualQueue: { since: AT, stage: 'intake', reasons: [] } },
    });
    if (!withQueue.ok) throw new Error();
    expect(availableActions(withQueue.case, staff)).toEqual([
      'accept',
      'notAccept',
      'requestCorrection',
    ]);
    expect(availableActions(withQueue.case, system)).toEqual(['queueForStaff']);
    const accepted = applyAction(withQueue.case, 'accept', staff, AT);
    if (!accepted.ok) throw new Error();
    expect(accepted.case.manualQueue).toBeUndefined();
    expect(accepted.case.timeline.at(-1)?.actor).toEqual({
      kind: 'staff',
      id: 'S001',
      displayName: '王芳',
    });
  });
});

describe('case lifecycle: the timeline names institutions, never a clerk, for automatic steps', () => {
  it('drives a sale to archived and shows 服务中心 for 受理/审核 and 自然资源和规划局 for 核定/登簿', () => {
    const c = run(signed(), [
      ['submit', buyer],
      ['accept', system],
      ['startReview', system],
      ['awaitTax', system],
      ['payTax', buyer],
      ['approve', system],
      ['record', system],
      ['issue', system],
      ['archive', system],
    ]);
    expect(c.status).toBe('archived');
    const byStep = (step: string) => c.timeline.filter((t) => t.step === step).map((t) => t.actor);
    expect(byStep('受理')).toEqual([SERVICE_CENTRE]);
    expect(byStep('审核')).toEqual([SERVICE_CENTRE, SERVICE_CENTRE]);
    expect(byStep('核定')).toEqual([BUREAU]);
    expect(byStep('登簿')).toEqual([BUREAU]);
    expect(byStep('签名').map((a) => a.displayName)).toEqual(['应敏', '李国平', '叶美华']);
    expect(c.timeline.map((t) => t.seq)).toEqual(c.timeline.map((_, i) => i + 1));
    for (const t of c.timeline) expect(ALLOWED_EDGES.has(`${t.from}->${t.to}`)).toBe(true);
  });

  it('every action is in the table', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
  });
});

describe('case dates', () => {
  it('Beijing date of an instant', () => {
    expect(beijingDate('2026-11-28T16:30:00.000Z')).toBe('2026-11-29');
    expect(beijingDate('2026-11-28T15:59:59.000Z')).toBe('2026-11-28');
  });

  it.each([
    // docs/registry-facts.md §7 known answers
    ['2026-02-13', 1, '2026-02-14'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2026-01-30', 30, '2026-03-19'],
  ])('accepted %s + %d working days → %s', (acceptedOn, n, due) => {
    expect(dueDates(acceptedOn, n).promisedDueOn).toBe(due);
  });

  it('statutory due date is 30 working days; a due date in an unpublished year is flagged', () => {
    expect(dueDates('2026-01-30', 3)).toEqual({
      promisedDueOn: '2026-02-04',
      statutoryDueOn: '2026-03-19',
      dueDatesEstimated: false,
    });
    expect(dueDates('2026-12-10', 3).dueDatesEstimated).toBe(true);
  });
});
