/** Presentations, the verification log and holdings proofs in SQLite (0005_certificates). */
import type {
  CertificateRight,
  CertificateStore,
  HoldingsProofRecord,
  PresentationRecord,
  VerificationRecord,
} from '../../ports/certificates';
import type { Db } from './database';

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

export class SqliteCertificateStore implements CertificateStore {
  private readonly byId;
  private readonly byCode;
  private readonly use;

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM presentations WHERE presentation_id = ?');
    this.byCode = db.prepare(
      'SELECT * FROM presentations WHERE code = ? AND expires_at > ? ORDER BY issued_at DESC LIMIT 1',
    );
    this.use = db.prepare(
      'UPDATE presentations SET uses = uses + 1 WHERE presentation_id = ? AND uses < allowance',
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  savePresentation(p: PresentationRecord): void {
    this.db
      .prepare(
        `INSERT INTO presentations (presentation_id, item_id, item_kind, holder_person_id, view, code,
           nonce, token, issued_at, expires_at, allowance, uses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.presentationId,
        p.itemId,
        p.itemKind,
        p.holderPersonId,
        p.view,
        p.code,
        p.nonce,
        p.token,
        p.issuedAt,
        p.expiresAt,
        p.allowance,
        p.uses,
      );
  }

  presentation(presentationId: string): PresentationRecord | undefined {
    const r = this.byId.get(presentationId) as PresentationRow | undefined;
    return r && toPresentation(r);
  }

  presentationByCode(code: string, at: string): PresentationRecord | undefined {
    const r = this.byCode.get(code, at) as PresentationRow | undefined;
    return r && toPresentation(r);
  }

  useOnce(presentationId: string): boolean {
    return this.use.run(presentationId).changes === 1;
  }

  logVerification(v: VerificationRecord): void {
    this.db
      .prepare(
        `INSERT INTO verifications (presentation_id, item_id, holder_person_id, verified_at, verifier_kind,
           verifier_person_id, verifier_display, via, view) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.presentationId,
        v.itemId,
        v.holderPersonId,
        v.verifiedAt,
        v.verifierKind,
        v.verifierPersonId ?? null,
        v.verifierDisplay,
        v.via,
        v.view,
      );
  }

  verificationsOf(itemId: string, holderPersonId: string): VerificationRecord[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM verifications WHERE item_id = ? AND holder_person_id = ?
            ORDER BY verified_at DESC, verification_id DESC LIMIT 200`,
        )
        .all(itemId, holderPersonId) as {
        presentation_id: string;
        item_id: string;
        holder_person_id: string;
        verified_at: string;
        verifier_kind: 'app' | 'web';
        verifier_person_id: string | null;
        verifier_display: string;
        via: 'qr' | 'code';
        view: 'full' | 'minimal';
      }[]
    ).map((r) => ({
      presentationId: r.presentation_id,
      itemId: r.item_id,
      holderPersonId: r.holder_person_id,
      verifiedAt: r.verified_at,
      verifierKind: r.verifier_kind,
      ...(r.verifier_person_id ? { verifierPersonId: r.verifier_person_id } : {}),
      verifierDisplay: r.verifier_display,
      via: r.via,
      view: r.view,
    }));
  }

  saveHoldingsProof(p: HoldingsProofRecord): void {
    this.db
      .prepare(
        `INSERT INTO holdings_proofs (proof_id, person_id, number, issued_at, body_json, seal_json)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.proofId,
        p.personId,
        p.number,
        p.issuedAt,
        JSON.stringify(p.document.body),
        JSON.stringify(p.document.seal),
      );
  }

  holdingsProofsOf(personId: string): HoldingsProofRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM holdings_proofs WHERE person_id = ? ORDER BY issued_at DESC')
        .all(personId) as ProofRow[]
    ).map(toProof);
  }

  holdingsProof(proofId: string): HoldingsProofRecord | undefined {
    const r = this.db.prepare('SELECT * FROM holdings_proofs WHERE proof_id = ?').get(proofId) as
      ProofRow | undefined;
    return r && toProof(r);
  }

  rightOfCertificate(certificateId: string): CertificateRight | undefined {
    const r = this.db
      .prepare('SELECT * FROM rights WHERE certificate_id = ?')
      .get(certificateId) as
      | {
          right_id: string;
          right_type: string;
          co_ownership: CertificateRight['coOwnership'];
          status: string;
        }
      | undefined;
    if (!r) return undefined;
    const holders = this.db
      .prepare(
        'SELECT person_id, share_basis_points FROM right_holders WHERE right_id = ? ORDER BY position',
      )
      .all(r.right_id) as { person_id: string; share_basis_points: number | null }[];
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

  certificateRow(certificateId: string) {
    const r = this.db
      .prepare('SELECT kind, status, unit_code, number FROM certificates WHERE certificate_id = ?')
      .get(certificateId) as
      { kind: string; status: string; unit_code: string; number: string } | undefined;
    return r && { kind: r.kind, status: r.status, unitCode: r.unit_code, number: r.number };
  }
}
