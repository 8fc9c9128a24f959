/**
 * The home sale's steps through transition(): the online contract's terms (checked against the
 * day of the change, the price on the application, the signatures re-checked, the same terms
 * again a no-op) and the utilities chosen (checked, kept in a stable order); and the effects
 * runner storing them and carrying out a party's retry of the utilities without telling a
 * finished case's listeners again.
 */
import {
  transition,
  type CaseCaller,
  type TransitionContext,
} from '../../../mock-server/src/domain/cases';
import { AppError } from '../../../mock-server/src/domain/errors';
import type { ContractTerms } from '../../../mock-server/src/domain/sale';
import { CaseEffects } from '../../../mock-server/src/usecases/cases/effectsRunner';
import { SALE, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';
const buyer: CaseCaller = { kind: 'party', personId: 'P048' };
const seller: CaseCaller = { kind: 'party', personId: 'P001' };
const ctx = (actor: CaseCaller, over: Partial<TransitionContext> = {}): TransitionContext => ({
  businessType: SALE,
  actor,
  at: AT,
  ...over,
});
const TERMS: ContractTerms = {
  priceFen: 1_750_000_00,
  paymentMethod: 'mortgageLoan',
  handoverDate: '2026-12-31',
  fixtures: ' 空调两台 ',
};

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('editContract through transition()', () => {
  const signing = saleCase({ status: 'signing' });

  it('new terms: stored by the party, the price on the application, signatures re-checked', () => {
    const r = transition(signing, { type: 'editContract', terms: TERMS }, ctx(seller));
    expect(r.next).toMatchObject({ priceYuan: 1_750_000, updatedAt: AT, version: 2 });
    expect(r.next.status).toBe('signing');
    expect(r.effects).toEqual([
      {
        type: 'saveContractTerms',
        terms: expect.objectContaining({ priceFen: 1_750_000_00, paymentMethod: 'mortgageLoan' }),
        updatedBy: 'P001',
      },
      { type: 'reconcileSignatures' },
    ]);
  });

  it('the same price keeps the case as it was; the terms are still stored', () => {
    const r = transition(
      signing,
      { type: 'editContract', terms: { ...TERMS, priceFen: 1_800_000_00 } },
      ctx(buyer),
    );
    expect(r.next).toBe(signing);
    expect(r.effects.map((e) => e.type)).toEqual(['saveContractTerms', 'reconcileSignatures']);
  });

  it('the same terms again change nothing', () => {
    const first = transition(signing, { type: 'editContract', terms: TERMS }, ctx(buyer));
    const saved = first.effects[0];
    if (saved.type !== 'saveContractTerms') throw new Error('terms not saved');
    const again = transition(
      signing,
      { type: 'editContract', terms: TERMS, prior: saved.terms },
      ctx(buyer),
    );
    expect(again).toEqual({ next: signing, effects: [] });
  });

  it('refused: invalid terms, after filing, by someone not a party, after submission', () => {
    expect(
      refusal(() =>
        transition(signing, { type: 'editContract', terms: { ...TERMS, priceFen: 0 } }, ctx(buyer)),
      ),
    ).toEqual({ code: 'CONTRACT_TERMS_INVALID', message: '成交价格必须是大于0的金额（精确到分）' });
    expect(
      refusal(() =>
        transition(
          signing,
          { type: 'editContract', terms: TERMS },
          ctx(buyer, { contractFiled: true }),
        ),
      ),
    ).toEqual({ code: 'CONTRACT_LOCKED', message: '合同已网签备案，条款不能再修改' });
    expect(
      refusal(() =>
        transition(
          signing,
          { type: 'editContract', terms: TERMS },
          ctx({ kind: 'party', personId: 'P999' }),
        ),
      ),
    ).toEqual({ code: 'NOT_FOUND', message: '办件不存在' });
    // a locked contract is refused before its terms are looked at
    expect(
      refusal(() =>
        transition(
          { ...signing, status: 'submitted' },
          { type: 'editContract', terms: { ...TERMS, priceFen: 0 } },
          ctx(buyer),
        ),
      ).code,
    ).toBe('CONTRACT_LOCKED');
  });
});

describe('chooseUtilities through transition()', () => {
  it('the choice checked and kept in a stable order; the case unchanged', () => {
    const c = saleCase({ status: 'review' });
    const r = transition(
      c,
      {
        type: 'chooseUtilities',
        choices: [{ kind: 'gas', accountNumber: ' 88-1234 ' }, { kind: 'water' }],
      },
      ctx(buyer),
    );
    expect(r.next).toBe(c);
    expect(r.effects).toEqual([
      {
        type: 'saveUtilityChoices',
        choices: [{ kind: 'water' }, { kind: 'gas', accountNumber: '88-1234' }],
      },
    ]);
  });

  it('refused: the seller, a repeated choice', () => {
    const c = saleCase({ status: 'draft' });
    expect(
      refusal(() =>
        transition(c, { type: 'chooseUtilities', choices: [{ kind: 'water' }] }, ctx(seller)),
      ),
    ).toEqual({ code: 'FORBIDDEN', message: '只有买方可以申请水电气网联动过户' });
    expect(
      refusal(() =>
        transition(
          c,
          { type: 'chooseUtilities', choices: [{ kind: 'water' }, { kind: 'water' }] },
          ctx(buyer),
        ),
      ),
    ).toEqual({ code: 'UTILITIES_INVALID', message: '供水重复选择' });
  });
});

describe('the effects runner with the sale’s steps', () => {
  function runner() {
    const log: string[] = [];
    const commits: (() => void)[] = [];
    const effects = new CaseEffects({
      store: {
        update: async (c, expected) => void log.push(`update v${c.version} at v${expected}`),
        afterCommit: (fn) => void commits.push(fn),
        saveDocument: async () => undefined,
        announceVoid: async () => undefined,
      },
      notices: { notice: async () => undefined, deliverTo: async () => undefined },
      register: { append: async () => undefined },
      parties: { changeIdentity: async () => undefined },
      signatures: {
        signaturesOf: async () => [],
        voidSignature: async () => undefined,
        saveInvitation: async () => undefined,
        saveInquiry: async () => undefined,
        saveCommitment: async () => undefined,
      },
      trackChanges: async (caseId, change) => {
        log.push(`track ${caseId}`);
        return change();
      },
      sealer: { seal: (body) => ({ body, seal: 'x' }) as never },
      newId: (prefix) => prefix,
      events: {
        signingStarted: [],
        submitted: [],
        completed: [(id) => void log.push(`completed ${id}`)],
      },
      process: async () => undefined,
      sale: {
        terms: {
          put: async (t) =>
            void log.push(
              `terms ${t.caseId} ${t.terms.priceFen} by ${t.updatedBy} at ${t.updatedAt}`,
            ),
        },
        utilities: {
          replaceOptIn: async (caseId, choices, at) =>
            void log.push(`utilities ${caseId} ${choices.map((x) => x.kind).join(',')} at ${at}`),
        },
        notifyUtilities: async (caseId) => void log.push(`notify utilities ${caseId}`),
      },
    });
    const commit = () => commits.splice(0).forEach((f) => f());
    return { effects, log, commit };
  }
  const facts = { businessType: SALE, at: AT };

  it('new terms: the case and the terms stored inside the change tracking', async () => {
    const { effects, log } = runner();
    const c = saleCase({ status: 'signing' });
    const r = transition(c, { type: 'editContract', terms: TERMS }, ctx(seller));
    await expect(effects.store(c, r, facts)).rejects.toThrow(/tracked/);
    await effects.tracked(c.caseId, (store) => store(c, r, facts));
    expect(log).toEqual(['track C1', 'update v2 at v1', `terms C1 175000000 by P001 at ${AT}`]);
  });

  it('the utilities chosen are stored; nothing is told', async () => {
    const { effects, log, commit } = runner();
    const c = saleCase({ status: 'draft' });
    const r = transition(
      c,
      { type: 'chooseUtilities', choices: [{ kind: 'power' }, { kind: 'water' }] },
      ctx(buyer),
    );
    const after = await effects.store(c, r, facts);
    await effects.after(r.next, after);
    commit();
    expect(log).toEqual([`utilities C1 water,power at ${AT}`]);
  });

  it('a retry tells the utility companies at once, not the finished case’s listeners', async () => {
    const { effects, log, commit } = runner();
    const c = saleCase({ status: 'recorded' });
    const r = transition(c, { type: 'retryUtilities' }, ctx(buyer));
    await effects.after(r.next, await effects.store(c, r, facts));
    expect(log).toEqual(['notify utilities C1']);
    commit();
    expect(log).toEqual(['notify utilities C1']);
  });
});

describe('shared data’s steps through transition()', () => {
  it('requestRecheck: the case keeps the note of who sent the record back and why', () => {
    const c = saleCase({ status: 'review' });
    const by = { kind: 'staff' as const, id: 'S001', displayName: '王芳' };
    const r = transition(
      c,
      { type: 'requestRecheck', by, text: '已将民政共享数据退回校核' },
      ctx({ kind: 'staff', staffId: 'S001', displayName: '王芳' }),
    );
    expect(r.effects).toEqual([]);
    expect(r.next).toMatchObject({ status: 'review', version: 2, updatedAt: AT });
    expect(r.next.timeline.at(-1)).toMatchObject({
      action: 'sharedDataRecheck',
      from: 'review',
      to: 'review',
      actor: by,
      note: '已将民政共享数据退回校核',
    });
    expect(
      refusal(() =>
        transition(
          { ...c, status: 'withdrawn' },
          { type: 'requestRecheck', by, text: 'x' },
          ctx({ kind: 'system' }),
        ),
      ),
    ).toEqual({ code: 'CONFLICT', message: '办件当前状态不能提请校核' });
  });

  it('resolveSharedData and objectToSharedData change nothing on the case; refused when closed', () => {
    const c = saleCase({ status: 'correctionRequested' });
    expect(transition(c, { type: 'resolveSharedData' }, ctx(buyer))).toEqual({
      next: c,
      effects: [],
    });
    expect(transition(c, { type: 'objectToSharedData' }, ctx(buyer))).toEqual({
      next: c,
      effects: [],
    });
    expect(
      refusal(() =>
        transition(saleCase({ status: 'review' }), { type: 'resolveSharedData' }, ctx(buyer)),
      ),
    ).toEqual({ code: 'CONFLICT', message: '办件当前状态不能重新获取共享材料' });
  });
});
