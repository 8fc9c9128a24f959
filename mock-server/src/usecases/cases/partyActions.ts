/**
 * A party's step on their case (start the signing, sign, submit, withdraw, answer a correction
 * request, pay the tax) taken through the workflow (`transition`), stored with its store effects,
 * then followed by what the workflow says follows it (the effects runner): organisations' seals,
 * the submission's listeners, the machine carrying on.
 *
 * Submitting stores 民政's answer on the holders' marriage (the case waits while it is unknown,
 * and a spouse who must consent must already be a party), the case number and the materials as
 * submitted. The e-signature checks, idempotency and shared data around a submission are
 * `SubmitCase`'s; this is the core every path shares. The step is stored in one transaction with
 * the case number it takes (numbers run on without gaps); the listeners are told once it has
 * committed (after the caller's transaction, when there is one).
 */
import type { BusinessType } from '../../domain/catalogue';
import {
  beijingDate,
  transition,
  type CaseCommand,
  type CaseEffect,
  type CaseMaterial,
  type CaseRecord,
  type MarriageCheck,
} from '../../domain/cases';
import { formatCaseNumber } from '../../domain/documents';
import { AppError } from '../../domain/errors';
import type { CaseStore, Clock } from '../../ports';
import { conflict, STALE_VERSION, type CaseAccess } from './access';
import { marriagePendingMessage, needsSpouseConsent } from './application';
import type { CaseViews } from './caseViews';
import type { CaseEffects } from './effectsRunner';
import { mergeMaterials, type SubmissionMaterials } from './materials';
import type { CaseParties } from './parties';
import type { CaseView, PartyAction, PartyCaller } from './types';
import type { WorkflowContexts } from './workflowContext';

export interface PartyActionInput {
  expectedVersion?: number;
  note?: string;
  materials?: CaseMaterial[];
  /** payTax: the 完税证明 number the registry verified by shared data */
  taxReceiptNo?: string;
  /** payFee: the 财政电子票据 number whose finance seal the registry verified */
  feeBillNo?: string;
  /**
   * submit: 民政 answered again for holders whose marriage was unknown; it must not need a
   * spouse who is not a party yet
   */
  marriageCheck?: MarriageCheck;
}

export interface PartyActionsDeps {
  access: CaseAccess;
  store: Pick<CaseStore, 'transaction' | 'nextSerial'>;
  clock: Clock;
  parties: Pick<CaseParties, 'spousesNeeded'>;
  materials: SubmissionMaterials;
  /** what the workflow needs to know beyond the case (the 询问笔录 answered, organisations) */
  workflow: Pick<WorkflowContexts, 'of'>;
  /** the one effects runner: the step's store effects, then what follows it */
  effects: Pick<CaseEffects, 'store' | 'after' | 'tracked'>;
  views: Pick<CaseViews, 'view'>;
}

export class PartyActions {
  constructor(private readonly deps: PartyActionsDeps) {}

  async act(
    caller: PartyCaller,
    caseId: string,
    action: PartyAction,
    input: PartyActionInput = {},
  ): Promise<CaseView> {
    const { access, effects, store } = this.deps;
    if (action === 'renounceInheritance' || action === 'acceptInheritance')
      return this.changeApplication(caller, caseId, action);
    const { next, after } = await store.transaction(() => this.step(caller, caseId, action, input));
    // what follows, once the step is stored: organisations seal as signing begins (the CA is
    // asked outside the step's transaction, before the party sees the case), a submission's
    // listeners are told after the commit, and the machine takes a case it can move on
    await effects.after(next, after);
    return this.deps.views.view(await access.load(caseId), caller);
  }

  /**
   * 继承: an heir's own renunciation (or its withdrawal) changes the application every party
   * signs, so it is stored within the signing's change tracking: the signatures over the old
   * application are voided in the same transaction.
   */
  private async changeApplication(
    caller: PartyCaller,
    caseId: string,
    action: 'renounceInheritance' | 'acceptInheritance',
  ): Promise<CaseView> {
    const { access } = this.deps;
    await access.loadForParty(caseId, caller);
    const at = this.deps.clock.now().toISOString();
    await this.deps.effects.tracked(caseId, async (store) => {
      const c = await access.loadForParty(caseId, caller);
      const bt = await access.businessType(c.businessTypeCode);
      const r = transition(
        c,
        { type: action },
        {
          ...(await this.deps.workflow.of(c, bt)),
          actor: { kind: 'party', personId: caller.personId },
          at,
          partyName: caller.name,
        },
      );
      await store(c, r, { businessType: bt, at });
    });
    return this.deps.views.view(await access.load(caseId), caller);
  }

  /** The party's step through the workflow, stored (in the caller's transaction). */
  private async step(
    caller: PartyCaller,
    caseId: string,
    action: PartyAction,
    input: PartyActionInput,
  ): Promise<{ next: CaseRecord; after: CaseEffect[] }> {
    const { access } = this.deps;
    const c = await access.loadForParty(caseId, caller);
    if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
      throw conflict(STALE_VERSION);
    }
    const bt = await access.businessType(c.businessTypeCode);
    const at = this.deps.clock.now().toISOString();
    const command = await this.commandOf(c, bt, action, input, at);
    const r = transition(c, command, {
      ...(await this.deps.workflow.of(c, bt)),
      actor: { kind: 'party', personId: caller.personId },
      at,
      partyName: caller.name,
    });
    const after = await this.deps.effects.store(c, r, { businessType: bt, at });
    return { next: r.next, after };
  }

  /** The party's action as the workflow's command, with what the use case resolves for it. */
  private async commandOf(
    c: CaseRecord,
    bt: BusinessType,
    action: PartyAction,
    input: PartyActionInput,
    at: string,
  ): Promise<CaseCommand> {
    const note = input.note ? { note: input.note } : {};
    switch (action) {
      case 'submit':
        return { type: 'submit', ...(await this.submission(c, input.marriageCheck, at)), ...note };
      case 'answerCorrection':
        return {
          type: 'answerCorrection',
          ...(input.materials
            ? { materials: mergeMaterials(bt, c.materials, input.materials) }
            : {}),
          ...note,
        };
      case 'payTax':
        // the payment is confirmed by the gateway and shared by 税务 as the tax receipt
        return { type: 'payTax', receiptNo: input.taxReceiptNo ?? c.caseId, ...note };
      case 'payFee':
        return { type: 'payFee', billNo: input.feeBillNo ?? c.caseId, ...note };
      default:
        return { type: action, ...note };
    }
  }

  /** What a submission adds: 民政's answer (when new), the case number, the materials. */
  private async submission(
    c: CaseRecord,
    fresh: MarriageCheck | undefined,
    at: string,
  ): Promise<Omit<Extract<CaseCommand, { type: 'submit' }>, 'type'>> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    // whether a spouse must consent is 民政's answer; unknown, the case waits for it
    const check = (needsSpouseConsent(bt) && fresh) || c.marriageCheck;
    const pending = needsSpouseConsent(bt) ? marriagePendingMessage(check) : undefined;
    if (pending) throw new AppError('MARRIAGE_STATUS_PENDING', pending);
    let marriageCheck: MarriageCheck | undefined;
    if (check !== c.marriageCheck && check) {
      const absent = await this.deps.parties.spousesNeeded(c, check);
      if (absent.length)
        throw new AppError(
          'SPOUSE_CONSENT_REQUIRED',
          `婚姻登记信息显示需配偶${absent.map((x) => x.name).join('、')}同意，请先将其列为当事人并签名`,
        );
      marriageCheck = check;
    }
    const date = beijingDate(at);
    return {
      caseNumber: formatCaseNumber(date, await this.deps.store.nextSerial(`case|${date}`)),
      materials: await this.deps.materials.of(c, bt),
      ...(marriageCheck ? { marriageCheck } : {}),
    };
  }
}
