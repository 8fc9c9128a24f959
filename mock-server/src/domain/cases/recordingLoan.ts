/**
 * 登簿 plans of buying with a loan (docs/registry-facts.md §15): a transfer and the buyer's new
 * mortgage in one case (转移+抵押), the same after the seller's mortgages are cancelled (带押过户:
 * cancellations, transfer and new mortgage as one append, all or none), and the advance notices
 * of a purchase (预告登记) and of a mortgage on a home bought in advance (预购商品房抵押预告). Pure;
 * the use cases number the certificates and append the events in one transaction.
 */
import type {
  AdvanceNotice,
  Certificate,
  CertificateState,
  RegisterEvent,
  RestrictionState,
  RightState,
  Unit,
} from '../register';
import type { CaseRecord } from './model';
import {
  planMortgageCancellation,
  planMortgageRecording,
  planTransferRecording,
  type RecordingPlan,
} from './recording';
import { newHolders } from './draft';

interface Numbered {
  ids: { eventId: string; restrictionId: string; certificateId: string };
  number: string;
  licenceId: string;
}

export interface TransferWithMortgagePlan {
  events: RegisterEvent[];
  /** the buyers' 不动产权证书 */
  certificate: Certificate;
  /** the mortgagee's 不动产登记证明 (抵押权) */
  mortgageCertificate: Certificate;
  /** paper certificates the recording ends, to announce void (公告作废): the title first */
  voidAnnouncements: { certificateId: string; certificateNumber: string }[];
}

/**
 * 转移+抵押 (and 带押过户 when `releases` names the seller's mortgages): the seller's mortgages
 * cancelled first, then the buyers' new right, then the mortgage they give to their bank on it —
 * one list of events the register appends atomically (a mortgage cancelled meanwhile fails the
 * whole append: nothing is recorded).
 */
export function planTransferWithMortgage(p: {
  case: CaseRecord;
  unit: Unit;
  currentRight: RightState;
  currentCertificate?: CertificateState;
  transfer: {
    eventId: string;
    rightId: string;
    certificateId: string;
    number: string;
    licenceId: string;
  };
  mortgage: Numbered;
  /** 带押过户: the seller's current mortgages and their registration proofs */
  releases?: { mortgage: RestrictionState; proof?: CertificateState; eventId: string }[];
  recordedAt: string;
  registeredOn: string;
}): TransferWithMortgagePlan {
  const cancellations = (p.releases ?? []).map((r) =>
    planMortgageCancellation({
      mortgage: r.mortgage,
      ...(r.proof ? { proof: r.proof } : {}),
      eventId: r.eventId,
      recordedAt: p.recordedAt,
      registeredOn: p.registeredOn,
    }),
  );
  const transfer = planTransferRecording({
    case: p.case,
    unit: p.unit,
    currentRight: p.currentRight,
    currentCertificate: p.currentCertificate,
    ids: {
      eventId: p.transfer.eventId,
      rightId: p.transfer.rightId,
      certificateId: p.transfer.certificateId,
    },
    number: p.transfer.number,
    licenceId: p.transfer.licenceId,
    recordedAt: p.recordedAt,
    registeredOn: p.registeredOn,
  });
  const mortgage = planMortgageRecording({
    case: p.case,
    unit: p.unit,
    currentRight: p.currentRight,
    ids: p.mortgage.ids,
    number: p.mortgage.number,
    licenceId: p.mortgage.licenceId,
    recordedAt: p.recordedAt,
    registeredOn: p.registeredOn,
    mortgagorIds: newHolders(p.case).map((h) => h.personId),
  });
  const voids = [transfer, ...cancellations]
    .map((x) => x.voidAnnouncement)
    .filter((v): v is NonNullable<RecordingPlan['voidAnnouncement']> => Boolean(v));
  return {
    events: [...cancellations.flatMap((c) => c.events), ...transfer.events, ...mortgage.events],
    certificate: transfer.certificate,
    mortgageCertificate: mortgage.certificate!,
    voidAnnouncements: voids,
  };
}

/** The seller's mortgages a 带押过户 cancels: every current mortgage of the unit. */
export const mortgagesToRelease = (restrictions: readonly RestrictionState[]): RestrictionState[] =>
  restrictions.filter((r) => r.kind === 'mortgage' && r.status === 'current');

/**
 * 预告登记 of a purchase (the buyers hold it, the seller or developer is its 义务人) or 预购商品房
 * 抵押预告 (the bank holds it, the buyers give the mortgage), with its 不动产登记证明. A purchase
 * can be registered from the day the notice is recorded when the unit's own right is already in
 * the register (民法典 §221: the 90 days run from then); a mortgage can be registered once the
 * buyers' own right is (see advanceNoticeRegistrableFrom).
 */
export function planAdvanceNotice(p: {
  case: CaseRecord;
  unit: Unit;
  currentRight?: RightState;
  secures: 'purchase' | 'mortgage';
  ids: { eventId: string; restrictionId: string; certificateId: string };
  number: string;
  licenceId: string;
  recordedAt: string;
  registeredOn: string;
}): RecordingPlan & { certificate: Certificate; restriction: AdvanceNotice } {
  const ids = (role: string) =>
    p.case.parties.filter((x) => x.role === role).map((x) => x.personId);
  const purchase = p.secures === 'purchase';
  const terms = p.case.mortgage;
  if (!purchase && !terms) throw new Error('a mortgage advance notice needs its terms');
  const certificate: Certificate = {
    certificateId: p.ids.certificateId,
    kind: 'registrationProof',
    number: p.number,
    unitCode: p.unit.unitCode,
    issuedOn: p.registeredOn,
    form: 'electronic',
    licenceId: p.licenceId,
    proves: purchase ? '预告登记' : '预购商品房抵押预告登记',
  };
  const restriction: AdvanceNotice = {
    kind: 'advanceNotice',
    restrictionId: p.ids.restrictionId,
    unitCode: p.unit.unitCode,
    registeredOn: p.registeredOn,
    rightHolderIds: purchase ? ids('rightHolder') : ids('mortgagee'),
    obligorIds: purchase ? ids('obligor') : ids('mortgagor'),
    certificateId: p.ids.certificateId,
    secures: p.secures,
    ...(terms && !purchase
      ? {
          mortgage: {
            mortgageType: terms.mortgageType,
            securedAmountYuan: terms.securedAmountYuan,
            debtStartsOn: terms.debtStartsOn,
            debtEndsOn: terms.debtEndsOn,
          },
        }
      : {}),
    ...(purchase && p.currentRight ? { registrableFrom: p.registeredOn } : {}),
  };
  return {
    events: [
      {
        eventId: p.ids.eventId,
        type: 'restrictionRecorded',
        recordedAt: p.recordedAt,
        restriction,
        certificate,
      },
    ],
    certificate,
    restriction,
  };
}

/**
 * The day the registration an advance notice secures became possible: as recorded, or for a
 * mortgage's notice the day its mortgagors' own right was recorded (预告转本), once it is.
 */
export function advanceNoticeRegistrableFrom(
  n: AdvanceNotice,
  currentRight: Pick<RightState, 'holders' | 'registeredOn'> | undefined,
): string | undefined {
  if (n.registrableFrom) return n.registrableFrom;
  if (n.secures !== 'mortgage' || !currentRight) return undefined;
  const holders = new Set(currentRight.holders.map((h) => h.personId));
  return n.obligorIds.length > 0 && n.obligorIds.every((id) => holders.has(id))
    ? currentRight.registeredOn
    : undefined;
}
