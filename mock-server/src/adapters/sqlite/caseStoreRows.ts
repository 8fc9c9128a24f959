/** Row shapes of the case store's tables and their reading into the port's records. */
import type { CaseRecord } from '../../domain/cases';
import { isMessageEvent } from '../../domain/messaging';
import type { Person } from '../../domain/register';
import type { HeldCertificate, Message, StoredDocument, VoidAnnouncement } from '../../ports';

export interface MessageRow {
  message_id: string;
  person_id: string;
  case_id: string | null;
  document_id: string | null;
  title: string;
  body: string;
  delivered_at: string;
  read_at: string | null;
  event: string | null;
  certificate_id: string | null;
  invitation_code: string | null;
}
export const toMessage = (r: MessageRow): Message => ({
  messageId: r.message_id,
  personId: r.person_id,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  ...(r.document_id ? { documentId: r.document_id } : {}),
  title: r.title,
  body: r.body,
  deliveredAt: r.delivered_at,
  ...(r.read_at ? { readAt: r.read_at } : {}),
  ...(isMessageEvent(r.event) ? { event: r.event } : {}),
  ...(r.certificate_id ? { certificateId: r.certificate_id } : {}),
  ...(r.invitation_code ? { invitationCode: r.invitation_code } : {}),
});

export interface DocumentRow {
  document_id: string;
  kind: string;
  number: string;
  case_id: string | null;
  certificate_id: string | null;
  issued_at: string;
  body_json: string;
  seal_json: string;
}
export const toDocument = (r: DocumentRow): StoredDocument => ({
  documentId: r.document_id,
  kind: r.kind,
  number: r.number,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  ...(r.certificate_id ? { certificateId: r.certificate_id } : {}),
  issuedAt: r.issued_at,
  document: { body: JSON.parse(r.body_json), seal: JSON.parse(r.seal_json) },
});

export interface PersonRow {
  person_id: string;
  kind: Person['kind'];
  name: string;
  id_type: Person['idType'];
  id_number: string;
}

export interface HeldCertificateRow {
  certificate_id: string;
  kind: string;
  number: string;
  unit_code: string;
  location: string;
  issued_on: string;
  form: string;
  licence_id: string | null;
  status: string;
}

export interface VoidAnnouncementRow {
  announcement_id: string;
  certificate_id: string;
  certificate_number: string;
  unit_code: string;
  location: string;
  case_id: string | null;
  announced_at: string;
  reason: string;
}

export const toCase = (r: { data_json: string }) => JSON.parse(r.data_json) as CaseRecord;

export const toPerson = (r: PersonRow): Person => ({
  personId: r.person_id,
  kind: r.kind,
  name: r.name,
  idType: r.id_type,
  idNumber: r.id_number,
});

export const toHeldCertificate = (r: HeldCertificateRow): HeldCertificate => ({
  certificateId: r.certificate_id,
  kind: r.kind,
  number: r.number,
  unitCode: r.unit_code,
  location: r.location,
  issuedOn: r.issued_on,
  form: r.form,
  ...(r.licence_id ? { licenceId: r.licence_id } : {}),
  status: r.status,
});

export const toVoidAnnouncement = (r: VoidAnnouncementRow): VoidAnnouncement => ({
  announcementId: r.announcement_id,
  certificateId: r.certificate_id,
  certificateNumber: r.certificate_number,
  unitCode: r.unit_code,
  location: r.location,
  ...(r.case_id ? { caseId: r.case_id } : {}),
  announcedAt: r.announced_at,
  reason: r.reason,
});
