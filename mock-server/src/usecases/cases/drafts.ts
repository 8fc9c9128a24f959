/**
 * A party's draft: made for a unit the caller stands on (from 我的不动产 or by certificate
 * number; every lookup by number and every refused unit code counted against one per-person
 * limit), with the register's parties and any spouse whose consent 民政's
 * answer requires; then edited until it is submitted. 民政 is asked before the draft is made and
 * again before an edit of the parties while its answer is unknown.
 */
import { reissueOf } from './reissue';
import { carriesMortgageTerms, type BusinessType } from '../../domain/catalogue';
import {
  transition,
  type CaseRecord,
  type MarriageCheck,
  type Succession,
} from '../../domain/cases';
import { AppError, validationFailed } from '../../domain/errors';
import type { CaseStore, Clock, RegisterRepository } from '../../ports';
import { conflict, STALE_VERSION, type CaseAccess } from './access';
import { needsSpouseConsent, type Target } from './application';
import type { CaseViews } from './caseViews';
import type { CaseEffects } from './effectsRunner';
import type { CertificateLookupLimit } from './certificateLookupLimit';
import type { MarriageAnswers } from './marriage';
import type { PendingSuccession, SuccessionChecks } from '../shared-data/succession';
import { unitNotAvailable } from './application';
import { mergeMaterials } from './materials';
import type { CaseParties } from './parties';
import type { CaseView, DraftInput, PartyCaller } from './types';

export type NewDraftInput = DraftInput & {
  businessTypeCode: string;
  unitCode?: string;
  certificateNumber?: string;
};

export interface CaseDraftsDeps {
  access: CaseAccess;
  parties: CaseParties;
  views: CaseViews;
  marriage: MarriageAnswers;
  /** 继承: the deceased holder's heirs from 公安 */
  succession: Pick<SuccessionChecks, 'forUnit' | 'keep'>;
  lookupLimit: CertificateLookupLimit;
  store: Pick<CaseStore, 'insert'>;
  /** the one effects runner: the edit stored (version checked) and what follows it */
  effects: Pick<CaseEffects, 'store' | 'inside' | 'after'>;
  register: RegisterRepository;
  clock: Clock;
  newId: (prefix: string) => string;
  /** runs an edit inside the signing's change tracking (signatures over old terms are voided) */
  trackChanges: <T>(caseId: string, edit: () => Promise<T>) => Promise<T>;
}

export class CaseDrafts {
  constructor(private readonly deps: CaseDraftsDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * Makes a draft: the caller must be one of its parties and stand on the unit (application.ts
   * `resolveTarget`). The unit is resolved before anything else, so nobody without standing
   * makes the registry ask 民政 about a unit's holders, and nothing is written for them.
   */
  async create(caller: PartyCaller, input: NewDraftInput): Promise<CaseView> {
    const { marriage } = this.deps;
    const target = await this.target(caller, input);
    const heirs = await this.heirs(caller, input.businessTypeCode, target.unitCode);
    const pending = await marriage.forUnit(input.businessTypeCode, target.unitCode);
    const view = await this.createNow(caller, input, target, pending?.check, heirs?.succession);
    if (pending && view.case.marriageCheck) await marriage.keep(view.case.caseId, pending);
    if (heirs) await this.deps.succession.keep(view.case.caseId, heirs);
    return view;
  }

  /**
   * 继承: the caller must be a first-order heir of the unit's deceased holder as 公安 answers;
   * anyone else is answered like a unit they have no standing on (counted, docs/registry-facts.md §8).
   */
  private async heirs(
    caller: PartyCaller,
    businessTypeCode: string,
    unitCode: string,
  ): Promise<PendingSuccession | undefined> {
    const bt = await this.deps.access.businessType(businessTypeCode);
    if (!bt.application?.heirsOfDeceasedHolder) return undefined;
    const pending = await this.deps.succession.forUnit(unitCode, caller.personId);
    if (pending) return pending;
    await this.deps.lookupLimit.count(caller.personId);
    throw unitNotAvailable();
  }

  /** Edits a draft at `expectedVersion`; new parties may need 民政's answer first. */
  async edit(
    caller: PartyCaller,
    caseId: string,
    expectedVersion: number,
    input: DraftInput,
  ): Promise<CaseView> {
    const { marriage } = this.deps;
    const again = input.parties
      ? await marriage.askAgain(await this.deps.access.loadForParty(caseId, caller))
      : undefined;
    const view = await this.deps.trackChanges(caseId, () =>
      this.editNow(caller, caseId, expectedVersion, input, again?.check),
    );
    // 民政's records are kept once the edit that took its answer is made
    if (again) await marriage.keep(caseId, again);
    return view;
  }

  /**
   * The unit a new draft is about: only a business applied for online, and a unit the caller
   * may name.
   */
  private async target(
    caller: PartyCaller,
    input: {
      businessTypeCode: string;
      unitCode?: string;
      certificateNumber?: string;
      parties?: { role: string }[];
    },
  ): Promise<Target> {
    const bt = await this.deps.access.businessType(input.businessTypeCode);
    if (!bt.application?.online)
      throw new AppError(
        'BUSINESS_NOT_ONLINE',
        bt.kind === 'query'
          ? '权属查询证明无需申请办件，请在“证照”中直接开具，即时出具'
          : '该业务暂未开放在线申请，请到窗口办理',
      );
    const limit = this.deps.lookupLimit;
    return await this.deps.parties.target(bt, caller, input, {
      by: 'party',
      count: () => limit.count(caller.personId),
    });
  }

  private async createNow(
    caller: PartyCaller,
    input: NewDraftInput,
    target: Target,
    marriageCheck: MarriageCheck | undefined,
    succession?: Succession,
  ): Promise<CaseView> {
    const bt = await this.deps.access.businessType(input.businessTypeCode);
    const unitCode = target.unitCode;
    const at = this.now();
    const check = needsSpouseConsent(bt) ? marriageCheck : undefined;
    const parties = await this.deps.parties.withRegisterParties(
      bt,
      unitCode,
      [
        // 继承: every living first-order heir applies, accepting until they renounce themself
        ...(succession?.heirs ?? []).map((x) => ({
          personId: x.personId,
          name: x.name,
          role: 'rightHolder' as const,
        })),
        ...(input.parties ? await this.deps.parties.resolveParties(input.parties) : []).filter(
          (p) => !succession?.heirs.some((x) => x.personId === p.personId),
        ),
      ],
      target.mortgage,
      check,
    );
    if (!parties.some((p) => p.personId === caller.personId)) {
      throw validationFailed('申请人本人必须是办件的当事人');
    }
    const view = await this.deps.register.unit(unitCode);
    const base: CaseRecord = {
      caseId: this.deps.newId('CASE'),
      businessTypeCode: bt.code,
      businessTypeVersion: bt.version,
      status: 'draft',
      unitCode,
      ...(view?.right ? { unitCoOwnership: view.right.coOwnership } : {}),
      ...(target.mortgage ? { cancelsRestrictionId: target.mortgage.restrictionId } : {}),
      ...(check ? { marriageCheck: check } : {}),
      ...(succession ? { succession } : {}),
      ...reissueOf(bt, view),
      parties,
      answers: {},
      materials: [],
      createdBy: caller.personId,
      createdAt: at,
      updatedAt: at,
      timeline: [],
      version: 1,
    };
    const draft: CaseRecord = {
      ...base,
      ...(await this.patchOf(base, { ...input, parties: undefined }, bt)),
    };
    // a new draft is stored at its first version: the edit that makes it is its first entry
    const { next, effects } = transition(
      draft,
      { type: 'edit', note: '创建申请' },
      {
        businessType: bt,
        actor: { kind: 'party', personId: caller.personId },
        at,
        partyName: caller.name,
      },
    );
    const created = { ...next, version: draft.version };
    await this.deps.store.insert(created);
    await this.deps.effects.after(
      created,
      await this.deps.effects.inside(created, effects, { businessType: bt, at }),
    );
    return this.deps.views.view(created, caller);
  }

  private async editNow(
    caller: PartyCaller,
    caseId: string,
    expectedVersion: number,
    input: DraftInput,
    /** 民政 answered again for holders whose marriage was unknown (asked before this edit) */
    marriageCheck: MarriageCheck | undefined,
  ): Promise<CaseView> {
    const c = await this.deps.access.loadForParty(caseId, caller);
    if (c.version !== expectedVersion) throw conflict(STALE_VERSION);
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    const patch = await this.patchOf(c, input, bt);
    if (marriageCheck && needsSpouseConsent(bt)) {
      patch.marriageCheck = marriageCheck;
      patch.parties ??= c.parties;
    }
    if (patch.parties) {
      patch.parties = await this.deps.parties.withRegisterParties(
        bt,
        c.unitCode,
        patch.parties,
        await this.deps.parties.cancelledMortgageOf(c),
        patch.marriageCheck ?? c.marriageCheck,
      );
    }
    if (patch.parties && !patch.parties.some((p) => p.personId === c.createdBy)) {
      throw validationFailed('申请人本人必须是办件的当事人');
    }
    const at = this.now();
    const r = transition(
      c,
      { type: 'edit', patch },
      {
        businessType: bt,
        actor: { kind: 'party', personId: caller.personId },
        at,
        partyName: caller.name,
      },
    );
    await this.deps.effects.after(
      r.next,
      await this.deps.effects.store(c, r, { businessType: bt, at }),
    );
    return this.deps.views.view(r.next, caller);
  }

  /** What the input changes on the case, each field checked against the business type. */
  private async patchOf(
    c: CaseRecord,
    input: DraftInput,
    bt: BusinessType,
  ): Promise<Partial<CaseRecord>> {
    const patch: Partial<CaseRecord> = {};
    if (input.parties) patch.parties = await this.deps.parties.resolveParties(input.parties);
    if (input.newCoOwnership !== undefined) patch.newCoOwnership = input.newCoOwnership;
    if (input.priceYuan !== undefined) patch.priceYuan = input.priceYuan;
    if (input.mortgage !== undefined) {
      if (!carriesMortgageTerms(bt)) throw validationFailed('本业务不填写抵押信息');
      patch.mortgage = { ...input.mortgage };
    }
    if (input.identityChange !== undefined) {
      if (bt.application?.records !== 'holderIdentityChange')
        throw validationFailed('本业务不填写身份变更信息');
      patch.identityChange = await this.deps.parties.identityChangeOf(
        c.createdBy,
        input.identityChange,
      );
    }
    if (input.answers) patch.answers = { ...c.answers, ...input.answers };
    if (input.materials) patch.materials = mergeMaterials(bt, c.materials, input.materials);
    return patch;
  }
}
