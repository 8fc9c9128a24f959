/**
 * The register's SQL, written once (adapters/sql/program.ts): appending events with their
 * projection onto the derived tables (units, rights, right_holders, restrictions, certificates),
 * and reading a unit's current state. `SqlRegisterRepository` runs these on SqlDb; the start-up
 * seed still runs the append synchronously through the transitional bridge.
 */
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
import type { UnitView } from '../../ports';
import { allRows, getRow, runStatement, type Program } from '../sql/program';

interface UnitRow {
  unit_code: string;
  county_code: string;
  location: string;
  use: Unit['use'];
  nature: string;
  building_area: number;
  shared_land_area: number;
  exclusive_area: number | null;
  apportioned_area: number | null;
  structure: string;
  floor: number;
  total_floors: number;
  land_use_ends_on: string;
}

interface RightRow {
  right_id: string;
  right_type: string;
  co_ownership: RightState['coOwnership'];
  registered_on: string;
  certificate_id: string;
}

export interface CertificateRow {
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

const CERTIFICATE = `SELECT certificate_id, kind, number, unit_code, issued_on, form, licence_id,
  proves, status FROM certificates`;

export const toCertificate = (r: CertificateRow): CertificateState => ({
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

export function* certificateWhere(
  column: 'number' | 'certificate_id',
  value: string,
): Program<CertificateState | undefined> {
  const r = yield* getRow<CertificateRow>(`${CERTIFICATE} WHERE ${column} = ?`, [value]);
  return r && toCertificate(r);
}

/** A unit with its current right, that right's certificate and its current restrictions. */
export function* readUnit(unitCode: string): Program<UnitView | undefined> {
  const u = yield* getRow<UnitRow>(
    `SELECT unit_code, county_code, location, use, nature, building_area, shared_land_area,
            exclusive_area, apportioned_area, structure, floor, total_floors, land_use_ends_on
       FROM units WHERE unit_code = ?`,
    [unitCode],
  );
  if (!u) return undefined;
  const unit: Unit = {
    unitCode: u.unit_code,
    countyCode: u.county_code,
    location: u.location,
    use: u.use,
    nature: u.nature,
    buildingArea: Number(u.building_area),
    sharedLandArea: Number(u.shared_land_area),
    ...(u.exclusive_area === null || u.apportioned_area === null
      ? {}
      : {
          exclusiveArea: Number(u.exclusive_area),
          apportionedArea: Number(u.apportioned_area),
        }),
    structure: u.structure,
    floor: Number(u.floor),
    totalFloors: Number(u.total_floors),
    landUseEndsOn: u.land_use_ends_on,
  };
  const r = yield* getRow<RightRow>(
    `SELECT right_id, right_type, co_ownership, registered_on, certificate_id
       FROM rights WHERE unit_code = ? AND status = 'current'`,
    [unitCode],
  );
  let right: RightState | undefined;
  let certificate: CertificateState | undefined;
  if (r) {
    const holders = yield* allRows<{ person_id: string; share_basis_points: number | null }>(
      'SELECT person_id, share_basis_points FROM right_holders WHERE right_id = ? ORDER BY position',
      [r.right_id],
    );
    right = {
      rightId: r.right_id,
      unitCode,
      rightType: r.right_type,
      coOwnership: r.co_ownership,
      holders: holders.map((h) => ({
        personId: h.person_id,
        ...(h.share_basis_points === null
          ? {}
          : { shareBasisPoints: Number(h.share_basis_points) }),
      })),
      registeredOn: r.registered_on,
      certificateId: r.certificate_id,
      status: 'current',
    };
    certificate = yield* certificateWhere('certificate_id', r.certificate_id);
  }
  const restrictions = (yield* allRows<{ details_json: string }>(
    `SELECT details_json FROM restrictions WHERE unit_code = ? AND status = 'current'
      ORDER BY created_seq`,
    [unitCode],
  )).map((x) => ({ ...(JSON.parse(x.details_json) as Restriction), status: 'current' as const }));
  return { unit, right, certificate, restrictions: restrictions as RestrictionState[] };
}

/**
 * Appends events in order, each checked (an invalid one aborts the whole append) and projected.
 * Each event's number is the next after the last (max + 1) inside the caller's write
 * transaction, so the register has no gaps and numbers in the order appends commit; the caller
 * holds the register's write lock (SqlRegisterRepository.append).
 */
export function* appendEvents(events: readonly RegisterEvent[]): Program<number[]> {
  const seqs: number[] = [];
  for (const e of events) {
    const problem = checkRegisterEvent(e);
    if (problem) throw registerInvariantViolated(problem);
    const row = yield* getRow<{ seq: number }>(
      `INSERT INTO register_events (seq, event_id, event_type, unit_code, recorded_at, payload_json)
       SELECT coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? FROM register_events
       RETURNING seq`,
      [e.eventId, e.type, eventUnitCode(e) ?? null, e.recordedAt, JSON.stringify(e)],
    );
    const seq = Number(row!.seq);
    yield* project(e, seq);
    seqs.push(seq);
  }
  return seqs;
}

function* insertCertificate(c: Certificate): Program<void> {
  yield* runStatement(
    `INSERT INTO certificates (certificate_id, kind, number, unit_code, issued_on, form,
       licence_id, proves, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'current')`,
    [
      c.certificateId,
      c.kind,
      c.number,
      c.unitCode,
      c.issuedOn,
      c.form,
      c.licenceId ?? null,
      c.proves ?? null,
    ],
  );
}

/** Applies one event to the derived tables; mirrors domain `applyRegisterEvent`. */
export function* project(e: RegisterEvent, seq: number): Program<void> {
  switch (e.type) {
    case 'unitRegistered': {
      const u = e.unit;
      yield* runStatement(
        `INSERT INTO units (unit_code, county_code, location, use, nature, building_area,
           shared_land_area, exclusive_area, apportioned_area, structure, floor, total_floors,
           land_use_ends_on, created_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          u.unitCode,
          u.countyCode,
          u.location,
          u.use,
          u.nature,
          u.buildingArea,
          u.sharedLandArea,
          u.exclusiveArea ?? null,
          u.apportionedArea ?? null,
          u.structure,
          u.floor,
          u.totalFloors,
          u.landUseEndsOn,
          seq,
        ],
      );
      return;
    }
    case 'rightRecorded': {
      const r = e.right;
      const previous = yield* getRow<{ right_id: string; certificate_id: string }>(
        "SELECT right_id, certificate_id FROM rights WHERE unit_code = ? AND status = 'current'",
        [r.unitCode],
      );
      if (previous?.right_id !== e.supersedesRightId) {
        throw registerInvariantViolated('新权利必须注销该单元现有的权利');
      }
      if (previous) {
        yield* runStatement(
          "UPDATE rights SET status = 'cancelled', ended_seq = ? WHERE right_id = ?",
          [seq, previous.right_id],
        );
        // superseded after the reform, a paper certificate is announced void (公告作废); else
        // cancelled: on the day the new certificate is issued (domain applyRegisterEvent)
        yield* runStatement(
          `UPDATE certificates
              SET status = CASE WHEN form = 'paper' AND ? = 1 THEN 'void' ELSE 'cancelled' END
            WHERE certificate_id = ?`,
          [isPreReform(e.certificate.issuedOn) ? 0 : 1, previous.certificate_id],
        );
      }
      yield* insertCertificate(e.certificate);
      yield* runStatement(
        `INSERT INTO rights (right_id, unit_code, right_type, co_ownership, registered_on,
           certificate_id, status, created_seq) VALUES (?, ?, ?, ?, ?, ?, 'current', ?)`,
        [r.rightId, r.unitCode, r.rightType, r.coOwnership, r.registeredOn, r.certificateId, seq],
      );
      for (const [i, h] of r.holders.entries()) {
        yield* runStatement(
          `INSERT INTO right_holders (right_id, position, person_id, share_basis_points)
           VALUES (?, ?, ?, ?)`,
          [r.rightId, i, h.personId, h.shareBasisPoints ?? null],
        );
      }
      return;
    }
    case 'restrictionRecorded': {
      const r = e.restriction;
      if (e.certificate) yield* insertCertificate(e.certificate);
      yield* runStatement(
        `INSERT INTO restrictions (restriction_id, unit_code, kind, registered_on, status,
           certificate_id, details_json, created_seq) VALUES (?, ?, ?, ?, 'current', ?, ?, ?)`,
        [
          r.restrictionId,
          r.unitCode,
          r.kind,
          r.registeredOn,
          'certificateId' in r ? r.certificateId : null,
          JSON.stringify(r),
          seq,
        ],
      );
      return;
    }
    case 'restrictionCancelled': {
      const row = yield* getRow<{ certificate_id: string | null }>(
        "SELECT certificate_id FROM restrictions WHERE restriction_id = ? AND status = 'current'",
        [e.restrictionId],
      );
      if (!row) throw registerInvariantViolated('没有可注销的限制登记');
      yield* runStatement(
        `UPDATE restrictions SET status = 'cancelled', cancelled_on = ?, ended_seq = ?
          WHERE restriction_id = ?`,
        [e.cancelledOn, seq, e.restrictionId],
      );
      if (row.certificate_id) {
        // its registration proof ends with it: a paper one is announced void (公告作废) after the reform
        yield* runStatement(
          `UPDATE certificates
              SET status = CASE WHEN form = 'paper' AND ? = 1 THEN 'void' ELSE 'cancelled' END
            WHERE certificate_id = ?`,
          [isPreReform(e.cancelledOn) ? 0 : 1, row.certificate_id],
        );
      }
      return;
    }
  }
}
