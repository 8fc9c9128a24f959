/**
 * 登簿 of an approved transfer: the register events that record it and the new certificate.
 * Pure; the SQLite use case appends the events, numbers and seals the certificate and writes
 * everything in one transaction.
 */
import {
  isPreReform,
  type Certificate,
  type RegisterEvent,
  type RightState,
  type Unit,
  type CertificateState,
} from '../register';
import { newHolders } from './draft';
import type { CaseRecord } from './model';

export interface RecordingPlan {
  events: RegisterEvent[];
  certificate: Certificate;
  /** the paper certificate to announce void (公告作废), if the old one was paper */
  voidAnnouncement?: { certificateId: string; certificateNumber: string };
}

export function planTransferRecording(p: {
  case: CaseRecord;
  unit: Unit;
  currentRight: RightState;
  currentCertificate?: CertificateState;
  ids: { eventId: string; rightId: string; certificateId: string };
  number: string;
  licenceId: string;
  recordedAt: string;
  registeredOn: string;
}): RecordingPlan {
  const holders = newHolders(p.case);
  const coOwnership = p.case.newCoOwnership ?? (holders.length === 1 ? 'sole' : 'joint');
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
      registeredOn: p.registeredOn,
      certificateId: p.ids.certificateId,
    },
    certificate,
    supersedesRightId: p.currentRight.rightId,
  };
  const old = p.currentCertificate;
  const announce = old && old.form === 'paper' && !isPreReform(p.registeredOn);
  return {
    events: [event],
    certificate,
    ...(announce
      ? { voidAnnouncement: { certificateId: old.certificateId, certificateNumber: old.number } }
      : {}),
  };
}
