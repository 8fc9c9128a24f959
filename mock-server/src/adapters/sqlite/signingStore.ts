/**
 * The store of applying from a phone (migrations 0007 and 0019), written once on SqlDb so it runs
 * on the embedded SQLite file and on PostgreSQL: invitations, 询问笔录 answers, uploaded files'
 * metadata, commitments, e-signatures, the changes that voided signatures, idempotent answers.
 *
 * What racing nodes must not break is kept by the database, not by a read before a write: an
 * invitation is accepted by one conditional UPDATE; a party has at most one current signature
 * per case (a partial unique index, 0019), so a double tap on two nodes records one; the same
 * file, commitment or answer stored twice is one row (ON CONFLICT).
 */
import type {
  Invitation,
  SignatureOnBehalf,
  SigningChange,
  SigningStore,
  StoredCommitment,
  StoredFile,
  StoredInquiry,
  StoredSignature,
} from '../../ports';
import type { FaceCheckReference, SignerCertificate } from '../../domain/signing';
import type { SqlDb } from '../sql/types';
import { SqlIdempotencyRecords } from './idempotencyRecords';

type Row = Record<string, unknown>;
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

const toInvitation = (r: Row): Invitation => ({
  code: r.code as string,
  caseId: r.case_id as string,
  partyId: r.party_id as string,
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  ...(r.accepted_at ? { acceptedAt: r.accepted_at as string } : {}),
});

const toFile = (r: Row): StoredFile => {
  const width = opt(r.width as number | null);
  const height = opt(r.height as number | null);
  return {
    fileId: r.file_id as string,
    caseId: r.case_id as string,
    materialCode: r.material_code as string,
    sm3: r.sm3 as string,
    ...(r.received_sm3 ? { receivedSm3: r.received_sm3 as string } : {}),
    bytes: r.bytes as number,
    contentType: r.content_type as string,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    uploadedBy: r.uploaded_by as string,
    uploadedAt: r.uploaded_at as string,
  };
};

const toInquiry = (r: Row): StoredInquiry => ({
  caseId: r.case_id as string,
  partyId: r.party_id as string,
  answers: JSON.parse(r.answers_json as string) as Record<string, string>,
  answeredAt: r.answered_at as string,
});

const toSignature = (r: Row): StoredSignature => ({
  signatureId: r.signature_id as string,
  caseId: r.case_id as string,
  partyId: r.party_id as string,
  signerName: r.signer_name as string,
  signedAt: r.signed_at as string,
  bundleDigest: r.bundle_digest as string,
  handwritingDigest: r.handwriting_digest as string,
  signedDigest: r.signed_digest as string,
  signature: r.signature as string,
  caCertificateId: r.ca_certificate_id as string,
  caPublicKey: r.ca_public_key as string,
  ...(r.certificate_json
    ? { certificate: JSON.parse(r.certificate_json as string) as SignerCertificate }
    : {}),
  ...(r.face_check_json
    ? { faceCheck: JSON.parse(r.face_check_json as string) as FaceCheckReference }
    : {}),
  documents: JSON.parse(r.documents_json as string) as Record<string, string>,
  current: Number(r.current) === 1,
  ...(r.voided_at ? { voidedAt: r.voided_at as string } : {}),
  ...(r.on_behalf_of
    ? { onBehalfOf: JSON.parse(r.on_behalf_of as string) as SignatureOnBehalf }
    : {}),
});

export class SqlSigningStore implements SigningStore {
  private readonly idempotency: SqlIdempotencyRecords;

  constructor(private readonly db: SqlDb) {
    this.idempotency = new SqlIdempotencyRecords(db);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  async saveInvitation(i: Invitation): Promise<void> {
    await this.db.run(
      `INSERT INTO signing_invitations (code, case_id, party_id, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [i.code, i.caseId, i.partyId, i.createdBy, i.createdAt, i.expiresAt],
    );
  }

  async invitation(code: string): Promise<Invitation | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM signing_invitations WHERE code = ?', [code]);
    return r ? toInvitation(r) : undefined;
  }

  async invitationsOf(caseId: string): Promise<Invitation[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM signing_invitations WHERE case_id = ? ORDER BY created_at, code',
      [caseId],
    );
    return rows.map(toInvitation);
  }

  async markInvitationAccepted(code: string, at: string): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE signing_invitations SET accepted_at = ? WHERE code = ? AND accepted_at IS NULL',
      [at, code],
    );
    return changes === 1;
  }

  async saveInquiry(i: StoredInquiry): Promise<void> {
    await this.db.run(
      `INSERT INTO signing_inquiries (case_id, party_id, answers_json, answered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id, party_id) DO UPDATE SET answers_json = excluded.answers_json,
         answered_at = excluded.answered_at`,
      [i.caseId, i.partyId, JSON.stringify(i.answers), i.answeredAt],
    );
  }

  async inquiriesOf(caseId: string): Promise<StoredInquiry[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM signing_inquiries WHERE case_id = ? ORDER BY party_id',
      [caseId],
    );
    return rows.map(toInquiry);
  }

  async saveFile(f: StoredFile): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO case_files (file_id, case_id, material_code, sm3, bytes, content_type, width,
         height, uploaded_by, uploaded_at, received_sm3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, material_code, sm3) DO NOTHING`,
      [
        f.fileId,
        f.caseId,
        f.materialCode,
        f.sm3,
        f.bytes,
        f.contentType,
        f.width ?? null,
        f.height ?? null,
        f.uploadedBy,
        f.uploadedAt,
        f.receivedSm3 ?? null,
      ],
    );
    return changes === 1;
  }

  async fileBySm3(
    caseId: string,
    materialCode: string,
    sm3: string,
  ): Promise<StoredFile | undefined> {
    const r = await this.db.get<Row>(
      'SELECT * FROM case_files WHERE case_id = ? AND material_code = ? AND sm3 = ?',
      [caseId, materialCode, sm3],
    );
    return r ? toFile(r) : undefined;
  }

  async filesOf(caseId: string): Promise<StoredFile[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM case_files WHERE case_id = ? ORDER BY uploaded_at, file_id',
      [caseId],
    );
    return rows.map(toFile);
  }

  async saveCommitment(c: StoredCommitment): Promise<void> {
    await this.db.run(
      `INSERT INTO case_commitments (case_id, material_code, party_id, committed_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (case_id, material_code) DO NOTHING`,
      [c.caseId, c.materialCode, c.partyId, c.committedAt],
    );
  }

  async commitmentsOf(caseId: string): Promise<StoredCommitment[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM case_commitments WHERE case_id = ? ORDER BY material_code',
      [caseId],
    );
    return rows.map((r) => ({
      caseId: r.case_id as string,
      materialCode: r.material_code as string,
      partyId: r.party_id as string,
      committedAt: r.committed_at as string,
    }));
  }

  async saveSignature(s: StoredSignature): Promise<boolean> {
    // a voided signature is stored as such; a current one only while the party has none
    const { changes } = await this.db.run(
      `INSERT INTO case_signatures (signature_id, case_id, party_id, signer_name, signed_at,
         bundle_digest, handwriting_digest, signed_digest, signature, ca_certificate_id,
         ca_public_key, documents_json, current, voided_at, certificate_json, face_check_json,
         on_behalf_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, party_id) WHERE current = 1 DO NOTHING`,
      [
        s.signatureId,
        s.caseId,
        s.partyId,
        s.signerName,
        s.signedAt,
        s.bundleDigest,
        s.handwritingDigest,
        s.signedDigest,
        s.signature,
        s.caCertificateId,
        s.caPublicKey,
        JSON.stringify(s.documents),
        s.current ? 1 : 0,
        s.voidedAt ?? null,
        s.certificate ? JSON.stringify(s.certificate) : null,
        s.faceCheck ? JSON.stringify(s.faceCheck) : null,
        s.onBehalfOf ? JSON.stringify(s.onBehalfOf) : null,
      ],
    );
    return changes === 1;
  }

  async signaturesOf(caseId: string): Promise<StoredSignature[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM case_signatures WHERE case_id = ? ORDER BY signed_at, signature_id',
      [caseId],
    );
    return rows.map(toSignature);
  }

  async voidSignature(signatureId: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE case_signatures SET current = 0, voided_at = ? WHERE signature_id = ? AND current = 1',
      [at, signatureId],
    );
  }

  async saveChange(c: SigningChange): Promise<void> {
    await this.db.run('INSERT INTO signing_changes (case_id, at, changes_json) VALUES (?, ?, ?)', [
      c.caseId,
      c.at,
      JSON.stringify(c.changes),
    ]);
  }

  async changesOf(caseId: string): Promise<SigningChange[]> {
    const rows = await this.db.all<Row>(
      'SELECT * FROM signing_changes WHERE case_id = ? ORDER BY seq',
      [caseId],
    );
    return rows.map((r) => ({
      caseId: r.case_id as string,
      at: r.at as string,
      changes: JSON.parse(r.changes_json as string) as string[],
    }));
  }

  /** idempotent answers: the same `idempotency_keys` rows as every other use case's */
  idempotent(personId: string, key: string) {
    return this.idempotency.idempotent(personId, key);
  }

  saveIdempotent(personId: string, key: string, fingerprint: string, response: string, at: string) {
    return this.idempotency.saveIdempotent(personId, key, fingerprint, response, at);
  }

  async caseIdsOfPersonInStatus(personId: string, statuses: readonly string[]): Promise<string[]> {
    if (!statuses.length) return [];
    const rows = await this.db.all<{ case_id: string }>(
      `SELECT case_id FROM cases WHERE status IN (${statuses.map(() => '?').join(',')})
         AND case_id IN (SELECT case_id FROM case_parties WHERE person_id = ?)
       ORDER BY updated_at DESC, case_id`,
      [...statuses, personId],
    );
    return rows.map((r) => r.case_id);
  }
}
