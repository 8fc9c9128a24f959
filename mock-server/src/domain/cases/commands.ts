/**
 * The actions of the workflow with their input, as `transition` takes them. What the domain
 * cannot know by itself comes in the command: numbers and identifiers the store hands out
 * (业务号, certificate numbers, invitation codes), what the use case resolved against the register
 * or the population register (parties, 民政's answer, the recording plan) and the sealed bodies
 * built from them.
 */
import type { ContractTerms, UtilityChoice } from '../sale';
import type { RecordingPlan } from './recording';
import type {
  Actor,
  CaseMaterial,
  CaseParty,
  CaseRecord,
  CaseRecording,
  MarriageCheck,
  ReasonItem,
} from './model';

/** Optional free text written to the timeline entry. */
interface Noted {
  note?: string;
}

/** A decision of 受理 or 审核 by the machine or a staff member, with its reasons. */
export interface DecisionCommand extends Noted {
  type:
    | 'accept'
    | 'notAccept'
    | 'requestCorrection'
    | 'queueForStaff'
    | 'startReview'
    | 'awaitTax'
    | 'approve'
    | 'refuse';
  /** the failed rules (machine) or the staff member's reasons; none for accept and approve */
  reasons?: ReasonItem[];
}

export type CaseCommand =
  // ------------------------------------------------ the parties' lifecycle actions
  /** the draft's fields, resolved by the use case (parties, terms, answers, materials) */
  | ({ type: 'edit'; patch?: Partial<CaseRecord> } & Noted)
  | ({ type: 'startSigning' } & Noted)
  /** the effect of a valid e-signature, or signed in person before staff */
  | ({ type: 'sign' } & Noted)
  | ({
      type: 'submit';
      /** 业务号, numbered by the store */
      caseNumber: string;
      /** the checklist at submission (shared items resolved, the online form) */
      materials: CaseMaterial[];
      /** 民政's fresh answer, when it changed and needs no new party */
      marriageCheck?: MarriageCheck;
    } & Noted)
  | ({ type: 'withdraw' } & Noted)
  | ({ type: 'answerCorrection'; materials?: CaseMaterial[] } & Noted)
  /** 缴税: the 完税证明 the registry verified by shared data */
  | ({ type: 'payTax'; receiptNo: string } & Noted)
  /** 缴费: the registration fee's 财政电子票据, its finance seal verified */
  | ({ type: 'payFee'; billNo: string } & Noted)
  | { type: 'decline'; reason: string }
  // ------------------------------------------------ the machine's and staff's decisions
  | DecisionCommand
  | ({
      type: 'record';
      recording: CaseRecording;
      /** the plan's events and any it ends with them (预告转本: the buyer's advance notice) */
      events: RecordingPlan['events'];
      voidAnnouncement?: RecordingPlan['voidAnnouncement'];
      /** 带押过户: further paper certificates the step ends (the seller's mortgage proofs) */
      moreVoidAnnouncements?: NonNullable<RecordingPlan['voidAnnouncement']>[];
      /** the unit's location, for the void announcement */
      location: string;
    } & Noted)
  | ({
      type: 'issue';
      /** the sealed body of the certificate; none when a mortgage is cancelled */
      certificate?: {
        kind: 'titleCertificate' | 'registrationProof';
        certificateId: string;
        number: string;
        body: unknown;
      };
      /**
       * 转移+抵押: the mortgagee's 不动产登记证明, sealed and announced with the 不动产权证书
       * (issued together)
       */
      mortgageProof?: { certificateId: string; number: string; body: unknown };
      location: string;
    } & Noted)
  | { type: 'archive'; archiveNumber: string }
  /** the 补正期限 passed unanswered (checked against the change's instant) */
  | { type: 'lapseCorrection' }
  /** the case's advance notice lapsed (民法典 §221): its last day passed, checked by the caller */
  | {
      type: 'lapseAdvanceNotice';
      restrictionId: string;
      /** the last day to apply (Beijing, YYYY-MM-DD) */
      lastDay: string;
      /** the unit's location, for the message */
      location: string;
    }
  /** the case's objection lapsed (民法典 §220 ¶2): 15 days passed without a lawsuit */
  | {
      type: 'lapseObjection';
      restrictionId: string;
      /** the last day to bring the lawsuit (Beijing, YYYY-MM-DD) */
      lastDay: string;
      location: string;
    }
  // ------------------------------------------------ steps that keep the status
  | { type: 'invite'; partyId: string; code: string; expiresAt: string; inviterName: string }
  | { type: 'answerInquiry'; partyId: string; answers: Record<string, string> }
  | { type: 'uploadMaterial'; materialCode: string; fileId: string }
  | { type: 'commitMaterial'; materialCode: string }
  | {
      type: 'pledgeMaritalStatus';
      /** the holder pledging (must be the actor) */
      personId: string;
      /** 民政's check with the pledge in it */
      marriageCheck: MarriageCheck;
      /** the parties after the pledge (a spouse named joins, one no longer named leaves) */
      parties: CaseParty[];
    }
  | {
      type: 'editContract';
      /** the terms as filled in the app (checked against the day of the change) */
      terms: ContractTerms;
      /** the terms stored before, if any: the same terms again change nothing */
      prior?: ContractTerms;
    }
  /** the buyer's choice of utilities to transfer, as tapped (checked by the workflow) */
  | { type: 'chooseUtilities'; choices: UtilityChoice[] }
  | { type: 'retryUtilities' }
  | { type: 'resolveSharedData' }
  | { type: 'objectToSharedData' }
  /** 校核: a shared record sent back to its source; the timeline says by whom and why */
  | { type: 'requestRecheck'; by: Actor; text: string }
  | { type: 'recordMarriageAnswer'; marriageCheck: MarriageCheck; parties: CaseParty[] }
  /** 继承: the caller (an heir) renounces, or takes a renunciation back, before submission */
  | { type: 'renounceInheritance' }
  | { type: 'acceptInheritance' };

export type CaseCommandType = CaseCommand['type'];
