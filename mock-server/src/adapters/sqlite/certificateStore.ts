/**
 * Presentations, the verification log, holdings proofs and the attempt counters of the public
 * checks, on SqlDb (0005_certificates, 0013_verify_attempts): one portable SQL text for the
 * embedded SQLite file and PostgreSQL. What several nodes must agree on is decided inside the
 * database: a presentation's uses are counted by one conditional UPDATE, codes are chosen under
 * one lock, attempts are checked and counted under a lock per client.
 */
import type {
  AttemptBucket,
  AttemptOutcome,
  CertificateRight,
  CertificateStore,
  ElectronicTwinRecord,
  HoldingsProofRecord,
  PresentationRecord,
  VerificationRecord,
} from '../../ports/certificates';
import type { CertificateState } from '../../domain/register';
import type { SqlDb } from '../sql';
import { GroupCommit } from '../sql/groupCommit';

/** how many codes are tried before a taken one is kept (the code space is 10⁶) */
const CODE_TRIES = 20;
/** PostgreSQL: choosing a code waits only for other code choices, not for the whole registry */
const CODE_LOCK = 'presentation-codes';

interface PresentationRow {
  presentation_id: string;
  item_id: string;
  item_kind: PresentationRecord['itemKind'];
  holder_person_id: string;
  view: PresentationRecord['view'];
  code: string;
  nonce: string;
  token: string;
  issued_at: string;
  expires_at: string;
  allowance: number;
  uses: number;
}
const toPresentation = (r: PresentationRow): PresentationRecord => ({
  presentationId: r.presentation_id,
  itemId: r.item_id,
  itemKind: r.item_kind,
  holderPersonId: r.holder_person_id,
  view: r.view,
  code: r.code,
  nonce: r.nonce,
  token: r.token,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  allowance: r.allowance,
  uses: r.uses,
});

interface VerificationRow {
  presentation_id: string;
  item_id: string;
  holder_person_id: string;
  verified_at: string;
  verifier_kind: 'app' | 'web';
  verifier_person_id: string | null;
  verifier_display: string;
  via: 'qr' | 'code';
  view: 'full' | 'minimal';
}
const toVerification = (r: VerificationRow): VerificationRecord => ({
  presentationId: r.presentation_id,
  itemId: r.item_id,
  holderPersonId: r.holder_person_id,
  verifiedAt: r.verified_at,
  verifierKind: r.verifier_kind,
  ...(r.verifier_person_id ? { verifierPersonId: r.verifier_person_id } : {}),
  verifierDisplay: r.verifier_display,
  via: r.via,
  view: r.view,
});

interface ProofRow {
  proof_id: string;
  person_id: string;
  number: string;
  issued_at: string;
  body_json: string;
  seal_json: string;
}
const toProof = (r: ProofRow): HoldingsProofRecord => ({
  proofId: r.proof_id,
  personId: r.person_id,
  number: r.number,
  issuedAt: r.issued_at,
  document: { body: JSON.parse(r.body_json), seal: JSON.parse(r.seal_json) },
});

const PRESENTATION_BY_CODE =
  'SELECT * FROM presentations WHERE code = ? AND expires_at > ? ORDER BY issued_at DESC LIMIT 1';

export class SqlCertificateStore implements CertificateStore {
  /** uses counted and logged by group commit (useOnce) */
  private readonly uses: GroupCommit<VerificationRecord, number | undefined>;

  constructor(private readonly db: SqlDb) {
    this.uses = new GroupCommit(db, (tx, v) => this.useOne(tx, v), {
      // PostgreSQL: the conditional UPDATE's row lock keeps the count exact, so no advisory lock
      // per presentation (only the registry lock, shared); rows locked in one order on every node
      order: (a, b) =>
        a.presentationId < b.presentationId ? -1 : a.presentationId > b.presentationId ? 1 : 0,
      transaction: { lockKeys: [] },
    });
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }

  savePresentation(p: PresentationRecord, nextCode: () => string): Promise<PresentationRecord> {
    return this.db.transaction(
      async (tx) => {
        let code = p.code;
        for (let i = 0; i < CODE_TRIES; i++) {
          if (!(await tx.get(PRESENTATION_BY_CODE, [code, p.issuedAt]))) break;
          code = nextCode();
        }
        const saved = { ...p, code };
        await tx.run(
          `INSERT INTO presentations (presentation_id, item_id, item_kind, holder_person_id, view,
             code, nonce, token, issued_at, expires_at, allowance, uses)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            saved.presentationId,
            saved.itemId,
            saved.itemKind,
            saved.holderPersonId,
            saved.view,
            saved.code,
            saved.nonce,
            saved.token,
            saved.issuedAt,
            saved.expiresAt,
            saved.allowance,
            saved.uses,
          ],
        );
        return saved;
      },
      { lockKeys: [CODE_LOCK] },
    );
  }

  async presentation(presentationId: string): Promise<PresentationRecord | undefined> {
    const r = await this.db.get<PresentationRow>(
      'SELECT * FROM presentations WHERE presentation_id = ?',
      [presentationId],
    );
    return r && toPresentation(r);
  }

  async endPresentationsOf(holderPersonId: string, at: string): Promise<number> {
    const ended = await this.db.all<{ presentation_id: string }>(
      `UPDATE presentations SET expires_at = ?
        WHERE holder_person_id = ? AND expires_at > ?
       RETURNING presentation_id`,
      [at, holderPersonId, at],
    );
    return ended.length;
  }

  async presentationByCode(code: string, at: string): Promise<PresentationRecord | undefined> {
    const r = await this.db.get<PresentationRow>(PRESENTATION_BY_CODE, [code, at]);
    return r && toPresentation(r);
  }

  /**
   * A use counted and logged, by group commit (../sql/groupCommit.ts): the verifications that
   * arrive while one commit runs share the next, so a busy verification endpoint pays one
   * durable commit for many checks, and each is answered only once its commit is done.
   */
  useOnce(v: VerificationRecord): Promise<number | undefined> {
    return this.uses.submit(v);
  }

  private async useOne(tx: SqlDb, v: VerificationRecord): Promise<number | undefined> {
    // one statement: of two nodes counting the last use at once, exactly one gets a row
    const used = await tx.get<{ uses_left: number }>(
      `UPDATE presentations SET uses = uses + 1
          WHERE presentation_id = ? AND uses < allowance
         RETURNING allowance - uses AS uses_left`,
      [v.presentationId],
    );
    if (!used) return undefined;
    await tx.run(
      `INSERT INTO verifications (presentation_id, item_id, holder_person_id, verified_at,
           verifier_kind, verifier_person_id, verifier_display, via, view)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        v.presentationId,
        v.itemId,
        v.holderPersonId,
        v.verifiedAt,
        v.verifierKind,
        v.verifierPersonId ?? null,
        v.verifierDisplay,
        v.via,
        v.view,
      ],
    );
    return Number(used.uses_left);
  }

  async verificationsOf(itemId: string, holderPersonId: string): Promise<VerificationRecord[]> {
    const rows = await this.db.all<VerificationRow>(
      `SELECT * FROM verifications WHERE item_id = ? AND holder_person_id = ?
        ORDER BY verified_at DESC, verification_id DESC LIMIT 200`,
      [itemId, holderPersonId],
    );
    return rows.map(toVerification);
  }

  async saveHoldingsProof(p: HoldingsProofRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO holdings_proofs (proof_id, person_id, number, issued_at, body_json, seal_json)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        p.proofId,
        p.personId,
        p.number,
        p.issuedAt,
        JSON.stringify(p.document.body),
        JSON.stringify(p.document.seal),
      ],
    );
  }

  async holdingsProofsOf(personId: string): Promise<HoldingsProofRecord[]> {
    const rows = await this.db.all<ProofRow>(
      'SELECT * FROM holdings_proofs WHERE person_id = ? ORDER BY issued_at DESC, proof_id',
      [personId],
    );
    return rows.map(toProof);
  }

  async holdingsProof(proofId: string): Promise<HoldingsProofRecord | undefined> {
    const r = await this.db.get<ProofRow>('SELECT * FROM holdings_proofs WHERE proof_id = ?', [
      proofId,
    ]);
    return r && toProof(r);
  }

  async rightOfCertificate(certificateId: string): Promise<CertificateRight | undefined> {
    const r = await this.db.get<{
      right_id: string;
      right_type: string;
      co_ownership: CertificateRight['coOwnership'];
      status: string;
    }>('SELECT right_id, right_type, co_ownership, status FROM rights WHERE certificate_id = ?', [
      certificateId,
    ]);
    if (!r) return undefined;
    const holders = await this.db.all<{ person_id: string; share_basis_points: number | null }>(
      'SELECT person_id, share_basis_points FROM right_holders WHERE right_id = ? ORDER BY position',
      [r.right_id],
    );
    return {
      rightId: r.right_id,
      rightType: r.right_type,
      coOwnership: r.co_ownership,
      status: r.status,
      holders: holders.map((h) => ({
        personId: h.person_id,
        ...(h.share_basis_points === null ? {} : { shareBasisPoints: h.share_basis_points }),
      })),
    };
  }

  async certificateRow(certificateId: string) {
    const r = await this.db.get<{
      kind: string;
      status: string;
      unit_code: string;
      number: string;
    }>('SELECT kind, status, unit_code, number FROM certificates WHERE certificate_id = ?', [
      certificateId,
    ]);
    return r && { kind: r.kind, status: r.status, unitCode: r.unit_code, number: r.number };
  }

  async currentPaperCertificates(): Promise<CertificateState[]> {
    const rows = await this.db.all<{
      certificate_id: string;
      kind: CertificateState['kind'];
      number: string;
      unit_code: string;
      issued_on: string;
      licence_id: string | null;
      proves: string | null;
    }>(
      `SELECT certificate_id, kind, number, unit_code, issued_on, licence_id, proves
         FROM certificates WHERE form = 'paper' AND status = 'current' ORDER BY number`,
    );
    return rows.map((r) => ({
      certificateId: r.certificate_id,
      kind: r.kind,
      number: r.number,
      unitCode: r.unit_code,
      issuedOn: r.issued_on,
      form: 'paper',
      status: 'current',
      ...(r.licence_id ? { licenceId: r.licence_id } : {}),
      ...(r.proves ? { proves: r.proves } : {}),
    }));
  }

  async saveTwin(t: ElectronicTwinRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO electronic_twins (certificate_id, licence_id, document_id, created_at) VALUES (?, ?, ?, ?)',
      [t.certificateId, t.licenceId, t.documentId, t.createdAt],
    );
  }

  takeAttempt(
    bucket: AttemptBucket,
    client: string,
    atMs: number,
    windowMs: number,
    limit: number,
  ): Promise<AttemptOutcome> {
    const since = atMs - windowMs;
    return this.db.transaction(
      async (tx): Promise<AttemptOutcome> => {
        // attempts older than the window no longer count for anyone: forget them
        await tx.run('DELETE FROM verify_attempts WHERE bucket = ? AND at_ms <= ?', [
          bucket,
          since,
        ]);
        const recent = await tx.get<{ n: number; oldest: number | null }>(
          `SELECT count(*) AS n, min(at_ms) AS oldest FROM verify_attempts
            WHERE bucket = ? AND client = ? AND at_ms > ?`,
          [bucket, client, since],
        );
        if (recent && Number(recent.n) >= limit) {
          return { counted: false, oldestMs: Number(recent.oldest) };
        }
        const row = await tx.get<{ attempt_id: number }>(
          `INSERT INTO verify_attempts (bucket, client, at_ms) VALUES (?, ?, ?)
           RETURNING attempt_id`,
          [bucket, client, atMs],
        );
        return { counted: true, attemptId: Number(row!.attempt_id) };
      },
      { lockKeys: [`verify-attempts:${bucket}:${client}`] },
    );
  }

  async dropAttempt(attemptId: number): Promise<void> {
    await this.db.run('DELETE FROM verify_attempts WHERE attempt_id = ?', [attemptId]);
  }
}
