/**
 * 登簿 of an approved case: the register events that record it and the new certificate — a
 * transfer or a change of the holder's identity (a new right and 不动产权证书), a mortgage (a
 * restriction and its 不动产登记证明), or a mortgage's cancellation (no new certificate; the
 * registration proof is cancelled). Pure; the use case appends the events, numbers and seals
 * the certificate and writes everything in one transaction.
 */
import {
  endedCertificateStatus,
  type Certificate,
  type Mortgage,
  type RestrictionState,
  type RegisterEvent,
  type RightState,
  type Unit,
  type CertificateState,
} from '../register';
import { newHolders } from './draft';
import type { CaseRecord } from './model';

export interface RecordingPlan {
  events: RegisterEvent[];
  /** the certificate issued; none when a mortgage is cancelled */
  certificate?: Certificate;
  /** the paper certificate to announce void (公告作废), if the old one was paper */
  voidAnnouncement?: { certificateId: string; certificateNumber: string };
}

/** What recording a new right of the unit needs (a transfer, a change of the holder's identity). */
export interface NewRightInput {
  unit: Unit;
  currentRight: RightState;
  currentCertificate?: CertificateState;
  ids: { eventId: string; rightId: string; certificateId: string };
  number: string;
  licenceId: string;
  recordedAt: string;
  registeredOn: string;
}

export function planTransferRecording(
  p: NewRightInput & { case: CaseRecord },
): RecordingPlan & { certificate: Certificate } {
  const holders = newHolders(p.case);
  return planNewRight(
    p,
    p.case.newCoOwnership ?? (holders.length === 1 ? 'sole' : 'joint'),
    holders,
  );
}

/**
 * 变更登记 of the holder's name or ID number: the same holders and shares under a new right whose
 * certificate is re-issued (the old one cancelled, a paper one announced void as with a transfer).
 */
export function planHolderIdentityChange(
  p: NewRightInput,
): RecordingPlan & { certificate: Certificate } {
  return planNewRight(
    p,
    p.currentRight.coOwnership,
    p.currentRight.holders.map((h) => ({ ...h })),
  );
}

/**
 * A new right superseding the current one, with its electronic 不动产权证书; the old certificate
 * is cancelled, or announced void (公告作废) when it was paper issued under the reform.
 * `keepsRegisteredOn`: the entry re-states the same right (更正, 补证, 换证), so its registration
 * date stays the original one (the holding period counts from it, docs/registry-facts.md §6);
 * the certificate is issued today either way.
 */
export function planNewRight(
  p: NewRightInput,
  coOwnership: RightState['coOwnership'],
  holders: RightState['holders'],
  keepsRegisteredOn = false,
): RecordingPlan & { certificate: Certificate } {
  const certificate: Certificate = {
    certificateId: p.ids.certificateId,
    kind: 'titleCertificate',
    number: p.number,
    unitCode: p.unit.unitCode,
    issuedOn: p.registeredOn,
    form: 'electronic',
    licenceId: p.licenceId,
  };
  const event: RegisterEvent = {
    eventId: p.ids.eventId,
    type: 'rightRecorded',
    recordedAt: p.recordedAt,
    right: {
      rightId: p.ids.rightId,
      unitCode: p.unit.unitCode,
      rightType: p.currentRight.rightType,
      coOwnership,
      holders,
      registeredOn: keepsRegisteredOn ? p.currentRight.registeredOn : p.registeredOn,
      certificateId: p.ids.certificateId,
    },
    certificate,
    supersedesRightId: p.currentRight.rightId,
  };
  const old = p.currentCertificate;
  const announce = old && endedCertificateStatus(old, p.registeredOn) === 'void';
  return {
    events: [event],
    certificate,
    ...(announce
      ? { voidAnnouncement: { certificateId: old.certificateId, certificateNumber: old.number } }
      : {}),
  };
}

/** The register's holders among the case's mortgagors (all holders when none applied as such). */
function mortgagorsOf(c: CaseRecord, right: RightState): string[] {
  const applying = new Set(
    c.parties.filter((x) => x.role === 'rightHolder').map((x) => x.personId),
  );
  const holders = right.holders.map((h) => h.personId);
  const mortgagors = holders.filter((id) => applying.has(id));
  return mortgagors.length ? mortgagors : holders;
}

/** 抵押权首次登记: the mortgage as a restriction on the unit and its 不动产登记证明. */
export function planMortgageRecording(p: {
  case: CaseRecord;
  unit: Unit;
  currentRight: RightState;
  ids: { eventId: string; restrictionId: string; certificateId: string };
  number: string;
  licenceId: string;
  recordedAt: string;
  registeredOn: string;
  /** 抵押人: the unit's holders unless given (转移+抵押: the buyers, holders once recorded) */
  mortgagorIds?: string[];
}): RecordingPlan {
  const terms = p.case.mortgage;
  const mortgagee = p.case.parties.find((x) => x.role === 'mortgagee');
  if (!terms || !mortgagee) throw new Error('a mortgage case needs its terms and mortgagee');
  const certificate: Certificate = {
    certificateId: p.ids.certificateId,
    kind: 'registrationProof',
    number: p.number,
    unitCode: p.unit.unitCode,
    issuedOn: p.registeredOn,
    form: 'electronic',
    licenceId: p.licenceId,
    proves: '抵押权',
  };
  const restriction: Mortgage = {
    kind: 'mortgage',
    restrictionId: p.ids.restrictionId,
    unitCode: p.unit.unitCode,
    registeredOn: p.registeredOn,
    mortgageeId: mortgagee.personId,
    // the holders who gave the mortgage: those the plan names (a buyer mortgaging in the same
    // case), else every holder, or (民法典§301) the owners of two thirds of the shares who applied
    mortgagorIds: p.mortgagorIds ?? mortgagorsOf(p.case, p.currentRight),
    mortgageType: terms.mortgageType,
    securedAmountYuan: terms.securedAmountYuan,
    debtStartsOn: terms.debtStartsOn,
    debtEndsOn: terms.debtEndsOn,
    certificateId: p.ids.certificateId,
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
  };
}

/**
 * 抵押权注销登记: the mortgage ends and its registration proof with it (the projection): an
 * electronic one is cancelled, a paper one announced void (公告作废) as after a transfer or a
 * change (工作细则 三(五): after a cancellation registration too).
 */
export function planMortgageCancellation(p: {
  mortgage: RestrictionState;
  /** the mortgage's 不动产登记证明, as the register holds it */
  proof?: CertificateState;
  eventId: string;
  recordedAt: string;
  registeredOn: string;
}): RecordingPlan {
  if (p.mortgage.kind !== 'mortgage' || p.mortgage.status !== 'current')
    throw new Error('only a current mortgage can be cancelled');
  const announce =
    p.proof &&
    p.proof.status === 'current' &&
    endedCertificateStatus(p.proof, p.registeredOn) === 'void';
  return {
    ...(announce
      ? {
          voidAnnouncement: {
            certificateId: p.proof!.certificateId,
            certificateNumber: p.proof!.number,
          },
        }
      : {}),
    events: [
      {
        eventId: p.eventId,
        type: 'restrictionCancelled',
        recordedAt: p.recordedAt,
        restrictionId: p.mortgage.restrictionId,
        cancelledOn: p.registeredOn,
      },
    ],
  };
}
