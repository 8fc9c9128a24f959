/**
 * The shapes the case use cases share: who is calling, what a party keys in for a draft, what a
 * party sees of a case, and the collaborators the composition root hands them (listeners, the
 * shared-data resolution of a checklist item, the signing steps a party may take).
 */
import type { MaterialRequirement, PartyRole } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord, WorkflowAction } from '../../domain/cases';
import type { StoredDocument } from '../../ports';

/** The person calling (from the session). */
export interface PartyCaller {
  personId: string;
  name: string;
}

export interface PartyInput {
  /** 公民身份号码 or 统一社会信用代码 */
  idNumber: string;
  name: string;
  role: PartyRole;
  shareBasisPoints?: number;
}

export interface DraftInput {
  parties?: PartyInput[];
  newCoOwnership?: CaseRecord['newCoOwnership'];
  priceYuan?: number;
  answers?: Record<string, string>;
  materials?: CaseMaterial[];
  /** 抵押权首次登记 */
  mortgage?: CaseRecord['mortgage'];
  /** 变更登记: the caller's new name and ID number */
  identityChange?: { newName: string; newIdNumber: string };
}

export interface CaseView {
  case: CaseRecord;
  businessTypeName: string;
  /** what each role of the case is called in its business type (a mortgage's 抵押人, 抵押权人) */
  roleLabels?: Partial<Record<PartyRole, string>>;
  location?: string;
  documents: StoredDocument[];
  /** what the caller may do now, as the workflow decides (the app's buttons) */
  availableActions: WorkflowAction[];
  /**
   * a finished case: its package in the electronic archive (归档), whatever the outcome;
   * undefined until filed
   */
  filing?: CaseFiling;
  /** whether the case is finished (then `filing` says if it is filed yet) */
  finished: boolean;
}

/** Where a finished case is filed in the electronic archive. */
export interface CaseFiling {
  archiveNumber: string;
  filedAt: string;
}

/**
 * Party actions of the lifecycle run by `PartyActions.act`. 'sign' is there for the e-signature
 * only (usecases/signing records it as the effect of a valid signature); 'payTax' and 'payFee' for
 * the payment gateway (usecases/sale, usecases/fees); the HTTP routes expose the others.
 */
export const PARTY_ACTIONS = [
  'startSigning',
  'sign',
  'submit',
  'withdraw',
  'answerCorrection',
  'payTax',
  /** 继承: an heir renounces, or takes the renunciation back (the application changes) */
  'renounceInheritance',
  'acceptInheritance',
  'payFee',
] as const;
export type PartyAction = (typeof PARTY_ACTIONS)[number];

export const isPartyAction = (a: string): a is PartyAction =>
  (PARTY_ACTIONS as readonly string[]).includes(a);

/**
 * Who is told what happens to a case: the outside parties of the workflow's effects, as the
 * effects runner calls them (effectsRunner.ts). The composition root lists every listener; a
 * listener of `submitted` or `completed` runs synchronously after the change commits and must
 * not throw (background work catches).
 */
export interface CaseEvents {
  /** organisationsSign: a party started the signing (organisations sign with their e-seal) */
  signingStarted: readonly ((caseId: string) => Promise<void>)[];
  /** fileContract, requestSharedData after a submission: the contract filed, shared data again */
  submitted: readonly ((c: CaseRecord) => void)[];
  /**
   * fileArchive, requestSharedData after completion, notifyUtilities: the case has come to an
   * end (issued, refused, not accepted, withdrawn)
   */
  completed: readonly ((caseId: string) => void)[];
}

/** How shared data resolved a checklist item of the case, when it did (read at submission). */
export type SharedMaterialResolver = (
  c: CaseRecord,
  m: MaterialRequirement,
) => Promise<CaseMaterial | undefined> | CaseMaterial | undefined;
