/**
 * What follows a change of a case, as data (the way xstate's transition returns actions): the
 * sealed notices and messages every party receives, the register events of 登簿, the
 * certificate to seal, the neighbours to tell (shared data, the online contract's filing, the
 * utility companies, the archive) and whether the machine carries on. The effects runner of
 * the use cases carries them out in order, inside the transaction of the change where they
 * write to the store, and after it where they reach outside (shared data, utilities).
 */
import type { NoticeKind } from '../documents';
import type { MessageEvent, TemplateFacts } from '../messaging';
import type { RegisterEvent } from '../register';
import type { ContractTerms, UtilityChoice } from '../sale';
import { RULES_BY_CODE } from '../review';
import type { CaseRecord, IdentityChange, ReasonItem } from './model';
import { awaitsMachine, isReadyToFile, isRecorded } from './status';

export type CaseEffect =
  /** number, seal and store a notice (受理凭证, 补正/不予受理/不予登记告知书) and deliver it to `to` */
  | { type: 'sealNotice'; kind: NoticeKind; reasons: ReasonItem[]; basis: string[]; to: string[] }
  /**
   * a message to each of `to`; `withCertificate`: attach the document sealed by this
   * transition's `sealCertificate`; `event` and `facts`: it is also told on the channels (短信,
   * 浙里办消息) through the event's template; `invitationCode`: it opens that invitation
   */
  | {
      type: 'deliverMessage';
      title: string;
      body: string;
      to: string[];
      withCertificate?: true;
      event?: MessageEvent;
      facts?: TemplateFacts;
      invitationCode?: string;
    }
  /** 登簿: append these events to the register, in order */
  | { type: 'appendRegisterEvents'; events: RegisterEvent[] }
  /** 公告作废 of the old paper certificate */
  | {
      type: 'announceVoid';
      certificateId: string;
      certificateNumber: string;
      unitCode: string;
      location: string;
      reason: string;
    }
  /** 变更登记: the person's name and ID number as 公安 now records them */
  | ({ type: 'changeIdentity' } & IdentityChange)
  /** seal and store the certificate issued (不动产权证书 or 不动产登记证明) */
  | {
      type: 'sealCertificate';
      kind: 'titleCertificate' | 'registrationProof';
      certificateId: string;
      number: string;
      body: unknown;
    }
  /** store the invitation made (its code came from the use case's random source) */
  | { type: 'saveInvitation'; partyId: string; code: string; expiresAt: string }
  /** store a party's answers to their 询问笔录 */
  | { type: 'saveInquiry'; partyId: string; answers: Record<string, string> }
  /** store a party's 告知承诺 for a material */
  | { type: 'saveCommitment'; partyId: string; materialCode: string }
  /** store the online contract's terms, filled by `updatedBy` (存量房网签) */
  | { type: 'saveContractTerms'; terms: ContractTerms; updatedBy: string }
  /** store the utilities the buyer chose to transfer (水电气网联动过户), replacing the last choice */
  | { type: 'saveUtilityChoices'; choices: UtilityChoice[] }
  /** void every current signature of the case (a party declined) */
  | { type: 'voidSignatures' }
  /** void the signatures whose signed content changed, and tell the parties what changed */
  | { type: 'reconcileSignatures' }
  /** organisations that are parties sign by their own system's e-seal */
  | { type: 'organisationsSign' }
  /** 网签备案: file the online contract (idempotent per case) */
  | { type: 'fileContract' }
  /** fetch what the sources share now: after the submission, and after completion (the tax) */
  | { type: 'requestSharedData'; after: 'submission' | 'completion' }
  /**
   * tell the chosen utility companies of the new holders: with a finished case's other
   * follow-ups in the background (retried), on its own (a party's retry) at once
   */
  | { type: 'notifyUtilities' }
  /** file the finished case in the archive */
  | { type: 'fileArchive' }
  /** the machine takes the case on (intake, review, recording) */
  | { type: 'continueProcessing' };

export type CaseEffectType = CaseEffect['type'];

/** Every party of the case once, in the case's order: who receives notices and messages. */
export const addresseesOf = (c: CaseRecord): string[] => [
  ...new Set(c.parties.map((p) => p.personId)),
];

/** 条例第十七条: 受理, 补正 and 不予受理 are decided under it (staff and the receipt). */
export const INTAKE_BASIS = '《不动产登记暂行条例》第十七条';
/** 条例第二十二条: 不予登记. */
export const REFUSAL_BASIS = '《不动产登记暂行条例》第二十二条';

/** The legal bases of the review rules that failed, each once (an automatic notice's 依据). */
export const basisOf = (codes: readonly string[]): string[] => [
  ...new Set(codes.map((c) => RULES_BY_CODE.get(c)?.basis ?? '').filter(Boolean)),
];

/** The notice each decision is sealed as. */
export const NOTICE_OF: Readonly<Partial<Record<string, NoticeKind>>> = {
  accept: 'acceptanceReceipt',
  requestCorrection: 'correctionNotice',
  notAccept: 'nonAcceptanceNotice',
  refuse: 'refusalNotice',
};

/**
 * The notice of a decision with its legal basis: a staff member's cites the article it is made
 * under; the machine's cites the failed rules' bases (the receipt: 条例第十七条).
 */
export function noticeFor(
  c: CaseRecord,
  action: string,
  byStaff: boolean,
  reasons: ReasonItem[],
): CaseEffect[] {
  const kind = NOTICE_OF[action];
  if (!kind) return [];
  const basis =
    action === 'accept'
      ? [INTAKE_BASIS]
      : byStaff
        ? [action === 'refuse' ? REFUSAL_BASIS : INTAKE_BASIS]
        : basisOf(reasons.map((r) => r.code));
  return [{ type: 'sealNotice', kind, reasons, basis, to: addresseesOf(c) }];
}

/**
 * What follows any change from `before` to `next`: the machine carries on while the case is in
 * its hands; a case that just finished is filed, its shared data fetched once more (the tax paid
 * meanwhile) and, once recorded, the chosen utility companies told — in this order.
 */
export function followUps(before: CaseRecord, next: CaseRecord): CaseEffect[] {
  if (awaitsMachine(next)) return [{ type: 'continueProcessing' }];
  if (!isReadyToFile(next) || isReadyToFile(before)) return [];
  return [
    { type: 'fileArchive' },
    { type: 'requestSharedData', after: 'completion' },
    ...(isRecorded(next) ? [{ type: 'notifyUtilities' } as const] : []),
  ];
}

/** The message of the certificate issued (or of the cancellation recorded) to every party. */
export function issuedMessage(
  c: CaseRecord,
  businessTypeName: string,
  records: string | undefined,
  location: string,
  /** the certificate the message is about, when not the recording's own (转移+抵押: the proof) */
  about?: { certificateNumber: string },
): { title: string; body: string } {
  const r = c.recording;
  const number = about?.certificateNumber ?? r?.certificateNumber ?? '';
  const old = r?.voidAnnounced ? '原纸质证书已公告作废。' : '原证书已注销。';
  if (records === 'mortgage') {
    const mortgagee = c.parties.find((p) => p.role === 'mortgagee')?.name ?? '';
    return {
      title: `不动产登记证明已发放（${number}）`,
      body: `${businessTypeName}已登簿，电子不动产登记证明（抵押权）已发放给抵押权人${mortgagee}。该不动产的证书核验将显示“已抵押”。`,
    };
  }
  if (records === 'mortgageCancellation')
    return {
      title: `抵押权已注销（${c.caseNumber ?? ''}）`,
      body: `${businessTypeName}已登簿，${location}的抵押权已注销${
        !number
          ? ''
          : r?.voidAnnounced
            ? `，纸质不动产登记证明${number}同时公告作废`
            : `，不动产登记证明${number}同时注销`
      }。`,
    };
  if (records === 'advanceNotice' || records === 'mortgageAdvanceNotice')
    return {
      title: `不动产登记证明已发放（${number}）`,
      body: `${businessTypeName}已登簿，电子不动产登记证明（${
        records === 'advanceNotice' ? '预告登记' : '预购商品房抵押预告登记'
      }）已发放。请自能够办理不动产登记之日起九十日内申请登记，逾期预告登记失效（《民法典》第二百二十一条）。`,
    };
  if (records === 'objection')
    return {
      title: `不动产登记证明已发放（${number}）`,
      body: `${businessTypeName}已登簿，电子不动产登记证明（异议登记）已发放。请自异议登记之日起十五日内向人民法院起诉或申请仲裁，并提交受理通知书；逾期异议登记失效（《民法典》第二百二十条第二款）。`,
    };
  if (records === 'certificateReissue')
    return {
      title: `不动产权证书已${c.reissue?.reason === 'lost' ? '补发' : '换发'}（${number}）`,
      body: `${businessTypeName}已登簿，电子不动产权证书已${c.reissue?.reason === 'lost' ? '补发' : '换发'}，原纸质证书${c.reissue?.certificateNumber ?? ''}已公告作废，不能再用于办理任何业务。`,
    };
  if (records === 'rightCorrection')
    return {
      title: `不动产权证书已换发（${number}）`,
      body: `${businessTypeName}已登簿，登记簿已按更正后的内容记载，电子不动产权证书已换发。${old}`,
    };
  if (records === 'holderIdentityChange')
    return {
      title: `不动产权证书已换发（${number}）`,
      body: `${businessTypeName}已登簿，权利人信息已变更为“${c.identityChange?.newName ?? ''}”，电子不动产权证书已换发。${old}`,
    };
  return {
    title: `不动产权证书已发放（${number}）`,
    body: `${businessTypeName}已登簿，电子不动产权证书已发放。${old}`,
  };
}
