/**
 * What the simulated identity parties remember (migration 0012_identity_simulators), on SqlDb so
 * that every registry node shares it: a face check started on one node completes on another, a
 * frame seen by one node is a replay on every node, a 浙里办 ticket is used once across them all.
 * Rows that ended long ago are purged as new ones are written (PURGE_AFTER_MS), so the tables stay
 * small; until then an expired row still answers "expired" rather than "unknown".
 */
import type { Challenge } from '../../domain/identity';
import type { SqlDb } from '../sql/types';

/** How long an expired challenge, ticket or pass stays before it is purged. */
export const PURGE_AFTER_MS = 24 * 60 * 60_000;

export interface FaceCheckState {
  name: string;
  idNumber: string;
  challenge: Challenge;
}

export interface ZlbPass {
  certNo: string;
  certName: string;
  passedAt: string;
}

export class IdentitySimulatorState {
  constructor(private readonly db: SqlDb) {}

  // ------------------------------------------------------------ the identity platform

  async saveFaceCheck(certifyId: string, s: FaceCheckState, nowMs: number): Promise<void> {
    await this.db.run('DELETE FROM sim_face_checks WHERE expires_at < ?', [
      new Date(nowMs - PURGE_AFTER_MS).toISOString(),
    ]);
    await this.db.run(
      `INSERT INTO sim_face_checks (certify_id, name, id_number, actions_json, nonce, issued_at,
         expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        certifyId,
        s.name,
        s.idNumber,
        JSON.stringify(s.challenge.actions),
        s.challenge.nonce,
        s.challenge.issuedAt,
        s.challenge.expiresAt,
      ],
    );
  }

  /** Removes and returns it in one statement: a face check completes at most once. */
  async takeFaceCheck(certifyId: string): Promise<FaceCheckState | undefined> {
    const r = await this.db.get<{
      name: string;
      id_number: string;
      actions_json: string;
      nonce: string;
      issued_at: string;
      expires_at: string;
    }>(
      `DELETE FROM sim_face_checks WHERE certify_id = ?
       RETURNING name, id_number, actions_json, nonce, issued_at, expires_at`,
      [certifyId],
    );
    if (!r) return undefined;
    return {
      name: r.name,
      idNumber: r.id_number,
      challenge: {
        actions: JSON.parse(r.actions_json) as Challenge['actions'],
        nonce: r.nonce,
        issuedAt: r.issued_at,
        expiresAt: r.expires_at,
      },
    };
  }

  /**
   * Frames are used once, ever. `check(seen)` is given the digests among `digests` seen before
   * (pure: it throws to refuse the set, and then nothing is stored); the rest are then stored as
   * seen in one statement, which answers the ones it stored. A digest another node stored in
   * between counts as seen: `check` runs again and refuses. No transaction is held open, and
   * the statement takes its rows in digest order, so racing nodes wait for each other rather
   * than deadlock.
   */
  async claimFrames(
    digests: readonly string[],
    at: string,
    check: (seenBefore: ReadonlySet<string>) => void,
  ): Promise<void> {
    const unique = [...new Set(digests)].sort();
    if (unique.length === 0) return check(new Set());
    const marks = unique.map(() => '?').join(', ');
    const seen = await this.db.all<{ digest: string }>(
      `SELECT digest FROM sim_seen_frames WHERE digest IN (${marks})`,
      unique,
    );
    check(new Set(seen.map((r) => r.digest)));
    const stored = await this.db.all<{ digest: string }>(
      `INSERT INTO sim_seen_frames (digest, seen_at) VALUES ${unique.map(() => '(?, ?)').join(', ')}
       ON CONFLICT (digest) DO NOTHING RETURNING digest`,
      unique.flatMap((d) => [d, at]),
    );
    if (stored.length < unique.length) {
      const mine = new Set(stored.map((r) => r.digest));
      check(new Set(unique.filter((d) => !mine.has(d))));
    }
  }

  async recordFailure(idKey: string, atMs: number): Promise<void> {
    await this.db.run('INSERT INTO sim_face_failures (id_key, at_ms) VALUES (?, ?)', [idKey, atMs]);
  }

  /** instants (ms) of the failures for `idKey` after `fromMs`, oldest first */
  async failuresAfter(idKey: string, fromMs: number): Promise<number[]> {
    const rows = await this.db.all<{ at_ms: number }>(
      'SELECT at_ms FROM sim_face_failures WHERE id_key = ? AND at_ms > ? ORDER BY at_ms',
      [idKey, fromMs],
    );
    return rows.map((r) => Number(r.at_ms));
  }

  // ------------------------------------------------------------ 浙里办

  async saveTicket(
    ticketId: string,
    idNumber: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    await this.db.run('DELETE FROM sim_zlb_tickets WHERE expires_at_ms < ?', [
      nowMs - PURGE_AFTER_MS,
    ]);
    await this.db.run(
      'INSERT INTO sim_zlb_tickets (ticket_id, id_number, expires_at_ms) VALUES (?, ?, ?)',
      [ticketId, idNumber, expiresAtMs],
    );
  }

  /** Removes and returns it in one statement: a ticket is exchanged at most once. */
  async takeTicket(
    ticketId: string,
  ): Promise<{ idNumber: string; expiresAtMs: number } | undefined> {
    const r = await this.db.get<{ id_number: string; expires_at_ms: number }>(
      'DELETE FROM sim_zlb_tickets WHERE ticket_id = ? RETURNING id_number, expires_at_ms',
      [ticketId],
    );
    return r && { idNumber: r.id_number, expiresAtMs: Number(r.expires_at_ms) };
  }

  async saveAccessToken(accessToken: string, idNumber: string, nowMs: number): Promise<void> {
    await this.db.run('DELETE FROM sim_zlb_access_tokens WHERE issued_at_ms < ?', [
      nowMs - PURGE_AFTER_MS,
    ]);
    await this.db.run(
      'INSERT INTO sim_zlb_access_tokens (access_token, id_number, issued_at_ms) VALUES (?, ?, ?)',
      [accessToken, idNumber, nowMs],
    );
  }

  /** Removes and returns the ID number behind a token: user info is read once per token. */
  async takeAccessToken(accessToken: string): Promise<string | undefined> {
    const r = await this.db.get<{ id_number: string }>(
      'DELETE FROM sim_zlb_access_tokens WHERE access_token = ? RETURNING id_number',
      [accessToken],
    );
    return r?.id_number;
  }

  async savePass(passId: string, pass: ZlbPass, nowMs: number): Promise<void> {
    await this.db.run('DELETE FROM sim_zlb_passes WHERE passed_at < ?', [
      new Date(nowMs - PURGE_AFTER_MS).toISOString(),
    ]);
    await this.db.run(
      'INSERT INTO sim_zlb_passes (pass_id, cert_no, cert_name, passed_at) VALUES (?, ?, ?, ?)',
      [passId, pass.certNo, pass.certName, pass.passedAt],
    );
  }

  async pass(passId: string): Promise<ZlbPass | undefined> {
    const r = await this.db.get<{ cert_no: string; cert_name: string; passed_at: string }>(
      'SELECT cert_no, cert_name, passed_at FROM sim_zlb_passes WHERE pass_id = ?',
      [passId],
    );
    return r && { certNo: r.cert_no, certName: r.cert_name, passedAt: r.passed_at };
  }

  async deletePass(passId: string): Promise<void> {
    await this.db.run('DELETE FROM sim_zlb_passes WHERE pass_id = ?', [passId]);
  }
}
