/**
 * A party's step on their case (start the signing, sign, submit, withdraw, answer a correction
 * request, pay the tax) taken through the lifecycle, stored, told to its listeners, and followed
 * by whatever the machine can then do by itself.
 *
 * Submitting stores 民政's answer on the holders' marriage (the case waits while it is unknown,
 * and a spouse who must consent must already be a party), the case number and the materials as
 * submitted. The e-signature checks, idempotency and shared data around a submission are
 * `SubmitCase`'s; this is the core every path shares. The step is stored in one transaction with
 * the case number it takes (numbers run on without gaps); the listeners are told once it has
 * committed (after the caller's transaction, when there is one).
 */
import {
  applyAction,
  beijingDate,
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
import { mergeMaterials, type SubmissionMaterials } from './materials';
import type { CaseParties } from './parties';
import type { AutomaticProcessing } from './processing';
import type { CaseEvents, CaseView, PartyAction, PartyCaller } from './types';

export interface PartyActionInput {
  expectedVersion?: number;
  note?: string;
  materials?: CaseMaterial[];
  /** payTax: the 完税证明 number the registry verified by shared data */
  taxReceiptNo?: string;
  /**
   * submit: 民政 answered again for holders whose marriage was unknown; it must not need a
   * spouse who is not a party yet
   */
  marriageCheck?: MarriageCheck;
}

export interface PartyActionsDeps {
  access: CaseAccess;
  store: Pick<CaseStore, 'transaction' | 'afterCommit' | 'update' | 'nextSerial'>;
  clock: Clock;
  parties: Pick<CaseParties, 'spousesNeeded'>;
  materials: SubmissionMaterials;
  processing: Pick<AutomaticProcessing, 'process'>;
  views: Pick<CaseViews, 'view'>;
  events: Pick<CaseEvents, 'signingStarted' | 'submitted'>;
}

export class PartyActions {
  constructor(private readonly deps: PartyActionsDeps) {}

  async act(
    caller: PartyCaller,
    caseId: string,
    action: PartyAction,
    input: PartyActionInput = {},
  ): Promise<CaseView> {
    const { access, events, store } = this.deps;
    const next = await store.transaction(() => this.step(caller, caseId, action, input));
    // organisations seal as signing begins (the CA is asked outside the step's transaction),
    // before the party sees the case
    if (action === 'startSigning') for (const l of events.signingStarted) await l(caseId);
    if (action === 'submit')
      store.afterCommit(() => {
        for (const l of events.submitted) l(next);
      });
    await this.deps.processing.process(caseId);
    return this.deps.views.view(await access.load(caseId), caller);
  }

  /** The party's step through the lifecycle, stored (in the caller's transaction). */
  private async step(
    caller: PartyCaller,
    caseId: string,
    action: PartyAction,
    input: PartyActionInput,
  ): Promise<CaseRecord> {
    const { access } = this.deps;
    const c = await access.loadForParty(caseId, caller);
    if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
      throw conflict(STALE_VERSION);
    }
    const bt = await access.businessType(c.businessTypeCode);
    const at = this.deps.clock.now().toISOString();
    const patch: Partial<CaseRecord> = {};
    if (action === 'submit')
      Object.assign(patch, await this.submission(c, input.marriageCheck, at));
    if (action === 'answerCorrection') {
      if (input.materials) patch.materials = mergeMaterials(bt, c.materials, input.materials);
      if (c.correction)
        patch.correction = { ...c.correction, ...(input.note ? { note: input.note } : {}) };
    }
    if (action === 'payTax') {
      // the payment is confirmed by the gateway and shared by 税务 as the tax receipt
      patch.materials = [
        ...c.materials.filter((m) => m.code !== 'taxReceipt'),
        {
          code: 'taxReceipt',
          source: 'sharedData',
          status: 'provided',
          ref: `税务:${input.taxReceiptNo ?? caseId}`,
        },
      ];
    }
    const r = applyAction(c, action, { kind: 'party', personId: caller.personId }, at, {
      businessType: bt,
      partyName: caller.name,
      patch,
      ...(input.note ? { note: input.note } : {}),
    });
    if (!r.ok) throw conflict(r.reason);
    const next = { ...r.case, version: c.version + 1 };
    await this.deps.store.update(next, c.version);
    return next;
  }

  /** What a submission adds: 民政's answer (when new), the case number, the materials. */
  private async submission(
    c: CaseRecord,
    fresh: MarriageCheck | undefined,
    at: string,
  ): Promise<Partial<CaseRecord>> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    const patch: Partial<CaseRecord> = {};
    // whether a spouse must consent is 民政's answer; unknown, the case waits for it
    const check = (needsSpouseConsent(bt) && fresh) || c.marriageCheck;
    const pending = needsSpouseConsent(bt) ? marriagePendingMessage(check) : undefined;
    if (pending) throw new AppError('MARRIAGE_STATUS_PENDING', pending);
    if (check !== c.marriageCheck && check) {
      const absent = await this.deps.parties.spousesNeeded(c, check);
      if (absent.length)
        throw new AppError(
          'SPOUSE_CONSENT_REQUIRED',
          `婚姻登记信息显示需配偶${absent.map((x) => x.name).join('、')}同意，请先将其列为当事人并签名`,
        );
      patch.marriageCheck = check;
    }
    const date = beijingDate(at);
    patch.caseNumber = formatCaseNumber(date, await this.deps.store.nextSerial(`case|${date}`));
    patch.materials = await this.deps.materials.of(c, bt);
    return patch;
  }
}
