/** SQLite store of applying from a phone (migration 0007): invitations, inquiries, files, signatures… */
import type {
  Invitation,
  SigningChange,
  SigningStore,
  StoredCommitment,
  StoredFile,
  StoredInquiry,
  StoredSignature,
} from '../../ports';
import type { Db } from './database';

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
    bytes: r.bytes as number,
    contentType: r.content_type as string,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    uploadedBy: r.uploaded_by as string,
    uploadedAt: r.uploaded_at as string,
  };
};

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
  documents: JSON.parse(r.documents_json as string) as Record<string, string>,
  current: r.current === 1,
  ...(r.voided_at ? { voidedAt: r.voided_at as string } : {}),
});

export class SqliteSigningStore implements SigningStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  saveInvitation(i: Invitation): void {
    this.db
      .prepare(
        `INSERT INTO signing_invitations (code, case_id, party_id, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(i.code, i.caseId, i.partyId, i.createdBy, i.createdAt, i.expiresAt);
  }

  invitation(code: string): Invitation | undefined {
    const r = this.db.prepare('SELECT * FROM signing_invitations WHERE code = ?').get(code) as
      Row | undefined;
    return r ? toInvitation(r) : undefined;
  }

  invitationsOf(caseId: string): Invitation[] {
    return (
      this.db
        .prepare('SELECT * FROM signing_invitations WHERE case_id = ? ORDER BY created_at, code')
        .all(caseId) as Row[]
    ).map(toInvitation);
  }

  markInvitationAccepted(code: string, at: string): void {
    this.db
      .prepare(
        'UPDATE signing_invitations SET accepted_at = ? WHERE code = ? AND accepted_at IS NULL',
      )
      .run(at, code);
  }

  saveInquiry(i: StoredInquiry): void {
    this.db
      .prepare(
        `INSERT INTO signing_inquiries (case_id, party_id, answers_json, answered_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id, party_id) DO UPDATE SET answers_json = excluded.answers_json,
           answered_at = excluded.answered_at`,
      )
      .run(i.caseId, i.partyId, JSON.stringify(i.answers), i.answeredAt);
  }

  inquiriesOf(caseId: string): StoredInquiry[] {
    return (
      this.db
        .prepare('SELECT * FROM signing_inquiries WHERE case_id = ? ORDER BY party_id')
        .all(caseId) as Row[]
    ).map((r) => ({
      caseId: r.case_id as string,
      partyId: r.party_id as string,
      answers: JSON.parse(r.answers_json as string) as Record<string, string>,
      answeredAt: r.answered_at as string,
    }));
  }

  saveFile(f: StoredFile): void {
    this.db
      .prepare(
        `INSERT INTO case_files (file_id, case_id, material_code, sm3, bytes, content_type, width,
           height, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  fileBySm3(caseId: string, materialCode: string, sm3: string): StoredFile | undefined {
    const r = this.db
      .prepare('SELECT * FROM case_files WHERE case_id = ? AND material_code = ? AND sm3 = ?')
      .get(caseId, materialCode, sm3) as Row | undefined;
    return r ? toFile(r) : undefined;
  }

  filesOf(caseId: string): StoredFile[] {
    return (
      this.db
        .prepare('SELECT * FROM case_files WHERE case_id = ? ORDER BY uploaded_at, file_id')
        .all(caseId) as Row[]
    ).map(toFile);
  }

  saveCommitment(c: StoredCommitment): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO case_commitments (case_id, material_code, party_id, committed_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(c.caseId, c.materialCode, c.partyId, c.committedAt);
  }

  commitmentsOf(caseId: string): StoredCommitment[] {
    return (
      this.db
        .prepare('SELECT * FROM case_commitments WHERE case_id = ? ORDER BY material_code')
        .all(caseId) as Row[]
    ).map((r) => ({
      caseId: r.case_id as string,
      materialCode: r.material_code as string,
      partyId: r.party_id as string,
      committedAt: r.committed_at as string,
    }));
  }

  saveSignature(s: StoredSignature): void {
    this.db
      .prepare(
        `INSERT INTO case_signatures (signature_id, case_id, party_id, signer_name, signed_at,
           bundle_digest, handwriting_digest, signed_digest, signature, ca_certificate_id,
           ca_public_key, documents_json, current)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  signaturesOf(caseId: string): StoredSignature[] {
    return (
      this.db
        .prepare('SELECT * FROM case_signatures WHERE case_id = ? ORDER BY signed_at, signature_id')
        .all(caseId) as Row[]
    ).map(toSignature);
  }

  voidSignature(signatureId: string, at: string): void {
    this.db
      .prepare('UPDATE case_signatures SET current = 0, voided_at = ? WHERE signature_id = ?')
      .run(at, signatureId);
  }

  saveChange(c: SigningChange): void {
    this.db
      .prepare('INSERT INTO signing_changes (case_id, at, changes_json) VALUES (?, ?, ?)')
      .run(c.caseId, c.at, JSON.stringify(c.changes));
  }

  changesOf(caseId: string): SigningChange[] {
    return (
      this.db
        .prepare('SELECT * FROM signing_changes WHERE case_id = ? ORDER BY seq')
        .all(caseId) as Row[]
    ).map((r) => ({
      caseId: r.case_id as string,
      at: r.at as string,
      changes: JSON.parse(r.changes_json as string) as string[],
    }));
  }

  idempotent(personId: string, key: string) {
    return this.db
      .prepare('SELECT fingerprint, response FROM idempotency_keys WHERE person_id = ? AND key = ?')
      .get(personId, key) as { fingerprint: string; response: string } | undefined;
  }

  saveIdempotent(
    personId: string,
    key: string,
    fingerprint: string,
    response: string,
    at: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO idempotency_keys (person_id, key, fingerprint, response, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(personId, key, fingerprint, response, at);
  }

  caseIdsOfPersonInStatus(personId: string, statuses: readonly string[]): string[] {
    if (!statuses.length) return [];
    return (
      this.db
        .prepare(
          `SELECT case_id FROM cases WHERE status IN (${statuses.map(() => '?').join(',')})
             AND case_id IN (SELECT case_id FROM case_parties WHERE person_id = ?)
           ORDER BY updated_at DESC, case_id`,
        )
        .all(...statuses, personId) as { case_id: string }[]
    ).map((r) => r.case_id);
  }
}
