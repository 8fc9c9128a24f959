import { registerInvariantViolated } from '../../domain/errors';
import {
  checkRegisterEvent,
  eventUnitCode,
  isPreReform,
  type Certificate,
  type CertificateState,
  type RegisterEvent,
  type Restriction,
  type RestrictionState,
  type RightState,
  type Unit,
} from '../../domain/register';
import type { RegisterRepository, StoredRegisterEvent, UnitView } from '../../ports';
import type { Db } from './database';

interface UnitRow {
  unit_code: string;
  county_code: string;
  location: string;
  use: Unit['use'];
  nature: string;
  building_area: number;
  shared_land_area: number;
  structure: string;
  floor: number;
  total_floors: number;
  land_use_ends_on: string;
}

interface CertificateRow {
  certificate_id: string;
  kind: Certificate['kind'];
  number: string;
  unit_code: string;
  issued_on: string;
  form: Certificate['form'];
  licence_id: string | null;
  proves: string | null;
  status: CertificateState['status'];
}

const toCertificate = (r: CertificateRow): CertificateState => ({
  certificateId: r.certificate_id,
  kind: r.kind,
  number: r.number,
  unitCode: r.unit_code,
  issuedOn: r.issued_on,
  form: r.form,
  ...(r.licence_id === null ? {} : { licenceId: r.licence_id }),
  ...(r.proves === null ? {} : { proves: r.proves }),
  status: r.status,
});

/**
 * The register in SQLite: `register_events` is the append-only truth; units, rights,
 * right_holders, restrictions and certificates are derived from it in the same transaction
 * (and can be rebuilt with `rebuildProjections`).
 */
export class SqliteRegisterRepository implements RegisterRepository {
  private readonly appendListeners: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  /** Called inside each append's transaction after its events are stored (the archive's log). */
  onAppended(listener: () => void): void {
    this.appendListeners.push(listener);
  }

  append(events: readonly RegisterEvent[]): void {
    const insert = this.db.prepare(
      `INSERT INTO register_events (event_id, event_type, unit_code, recorded_at, payload_json)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.db
      .transaction(() => {
        for (const e of events) {
          const problem = checkRegisterEvent(e);
          if (problem) throw registerInvariantViolated(problem);
          const seq = Number(
            insert.run(e.eventId, e.type, eventUnitCode(e) ?? null, e.recordedAt, JSON.stringify(e))
              .lastInsertRowid,
          );
          this.project(e, seq);
        }
        for (const listener of this.appendListeners) listener();
      })
      .immediate();
  }

  /** Recomputes every derived table from register_events. */
  rebuildProjections(): void {
    this.db
      .transaction(() => {
        for (const t of ['right_holders', 'rights', 'restrictions', 'certificates', 'units']) {
          this.db.exec(`DELETE FROM ${t}`);
        }
        for (const { seq, event } of this.events()) this.project(event, seq);
      })
      .immediate();
  }

  countEvents(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM register_events').get() as { n: number }).n;
  }

  events(): StoredRegisterEvent[] {
    const rows = this.db
      .prepare('SELECT seq, payload_json FROM register_events ORDER BY seq')
      .all() as { seq: number; payload_json: string }[];
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.payload_json) as RegisterEvent }));
  }

  unit(unitCode: string): UnitView | undefined {
    const u = this.db.prepare('SELECT * FROM units WHERE unit_code = ?').get(unitCode) as
      UnitRow | undefined;
    if (!u) return undefined;
    const unit: Unit = {
      unitCode: u.unit_code,
      countyCode: u.county_code,
      location: u.location,
      use: u.use,
      nature: u.nature,
      buildingArea: u.building_area,
      sharedLandArea: u.shared_land_area,
      structure: u.structure,
      floor: u.floor,
      totalFloors: u.total_floors,
      landUseEndsOn: u.land_use_ends_on,
    };
    const r = this.db
      .prepare("SELECT * FROM rights WHERE unit_code = ? AND status = 'current'")
      .get(unitCode) as
      | {
          right_id: string;
          right_type: string;
          co_ownership: RightState['coOwnership'];
          registered_on: string;
          certificate_id: string;
        }
      | undefined;
    let right: RightState | undefined;
    let certificate: CertificateState | undefined;
    if (r) {
      const holders = this.db
        .prepare(
          'SELECT person_id, share_basis_points FROM right_holders WHERE right_id = ? ORDER BY position',
        )
        .all(r.right_id) as { person_id: string; share_basis_points: number | null }[];
      right = {
        rightId: r.right_id,
        unitCode,
        rightType: r.right_type,
        coOwnership: r.co_ownership,
        holders: holders.map((h) => ({
          personId: h.person_id,
          ...(h.share_basis_points === null ? {} : { shareBasisPoints: h.share_basis_points }),
        })),
        registeredOn: r.registered_on,
        certificateId: r.certificate_id,
        status: 'current',
      };
      certificate = this.certificate(r.certificate_id);
    }
    const restrictions = (
      this.db
        .prepare(
          "SELECT details_json FROM restrictions WHERE unit_code = ? AND status = 'current' ORDER BY created_seq",
        )
        .all(unitCode) as { details_json: string }[]
    ).map((x) => ({ ...(JSON.parse(x.details_json) as Restriction), status: 'current' as const }));
    return { unit, right, certificate, restrictions: restrictions as RestrictionState[] };
  }

  certificateByNumber(number: string): CertificateState | undefined {
    const r = this.db.prepare('SELECT * FROM certificates WHERE number = ?').get(number) as
      CertificateRow | undefined;
    return r && toCertificate(r);
  }

  certificateById(certificateId: string): CertificateState | undefined {
    return this.certificate(certificateId);
  }

  private certificate(id: string): CertificateState | undefined {
    const r = this.db.prepare('SELECT * FROM certificates WHERE certificate_id = ?').get(id) as
      CertificateRow | undefined;
    return r && toCertificate(r);
  }

  private insertCertificate(c: Certificate): void {
    this.db
      .prepare(
        `INSERT INTO certificates (certificate_id, kind, number, unit_code, issued_on, form,
           licence_id, proves, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'current')`,
      )
      .run(
        c.certificateId,
        c.kind,
        c.number,
        c.unitCode,
        c.issuedOn,
        c.form,
        c.licenceId ?? null,
        c.proves ?? null,
      );
  }

  /** Applies one event to the derived tables; mirrors domain `applyRegisterEvent`. */
  private project(e: RegisterEvent, seq: number): void {
    const db = this.db;
    switch (e.type) {
      case 'unitRegistered': {
        const u = e.unit;
        db.prepare(
          `INSERT INTO units (unit_code, county_code, location, use, nature, building_area,
             shared_land_area, structure, floor, total_floors, land_use_ends_on, created_seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          u.unitCode,
          u.countyCode,
          u.location,
          u.use,
          u.nature,
          u.buildingArea,
          u.sharedLandArea,
          u.structure,
          u.floor,
          u.totalFloors,
          u.landUseEndsOn,
          seq,
        );
        return;
      }
      case 'rightRecorded': {
        const r = e.right;
        const previous = db
          .prepare(
            "SELECT right_id, certificate_id FROM rights WHERE unit_code = ? AND status = 'current'",
          )
          .get(r.unitCode) as { right_id: string; certificate_id: string } | undefined;
        if (previous?.right_id !== e.supersedesRightId) {
          throw registerInvariantViolated('新权利必须注销该单元现有的权利');
        }
        if (previous) {
          db.prepare(
            "UPDATE rights SET status = 'cancelled', ended_seq = ? WHERE right_id = ?",
          ).run(seq, previous.right_id);
          db.prepare(
            `UPDATE certificates SET status = CASE WHEN form = 'paper' AND ? THEN 'void' ELSE 'cancelled' END
              WHERE certificate_id = ?`,
          ).run(isPreReform(r.registeredOn) ? 0 : 1, previous.certificate_id);
        }
        this.insertCertificate(e.certificate);
        db.prepare(
          `INSERT INTO rights (right_id, unit_code, right_type, co_ownership, registered_on,
             certificate_id, status, created_seq) VALUES (?, ?, ?, ?, ?, ?, 'current', ?)`,
        ).run(
          r.rightId,
          r.unitCode,
          r.rightType,
          r.coOwnership,
          r.registeredOn,
          r.certificateId,
          seq,
        );
        const holder = db.prepare(
          'INSERT INTO right_holders (right_id, position, person_id, share_basis_points) VALUES (?, ?, ?, ?)',
        );
        r.holders.forEach((h, i) =>
          holder.run(r.rightId, i, h.personId, h.shareBasisPoints ?? null),
        );
        return;
      }
      case 'restrictionRecorded': {
        const r = e.restriction;
        if (e.certificate) this.insertCertificate(e.certificate);
        db.prepare(
          `INSERT INTO restrictions (restriction_id, unit_code, kind, registered_on, status,
             certificate_id, details_json, created_seq) VALUES (?, ?, ?, ?, 'current', ?, ?, ?)`,
        ).run(
          r.restrictionId,
          r.unitCode,
          r.kind,
          r.registeredOn,
          'certificateId' in r ? r.certificateId : null,
          JSON.stringify(r),
          seq,
        );
        return;
      }
      case 'restrictionCancelled': {
        const row = db
          .prepare(
            "SELECT certificate_id FROM restrictions WHERE restriction_id = ? AND status = 'current'",
          )
          .get(e.restrictionId) as { certificate_id: string | null } | undefined;
        if (!row) throw registerInvariantViolated('没有可注销的限制登记');
        db.prepare(
          "UPDATE restrictions SET status = 'cancelled', cancelled_on = ?, ended_seq = ? WHERE restriction_id = ?",
        ).run(e.cancelledOn, seq, e.restrictionId);
        if (row.certificate_id) {
          db.prepare("UPDATE certificates SET status = 'cancelled' WHERE certificate_id = ?").run(
            row.certificate_id,
          );
        }
        return;
      }
    }
  }
}
