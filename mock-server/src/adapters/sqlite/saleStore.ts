/** SQLite stores of the home sale (migration 0011): contract terms, tax assessments, utilities. */
import type { UtilityChoice, UtilityKind } from '../../domain/sale';
import type {
  ContractTermsStore,
  StoredContractTerms,
  StoredTaxAssessment,
  TaxAssessmentStore,
  UtilityRequest,
  UtilityStore,
} from '../../ports/sale';
import type { Db } from './database';

export class SqliteContractTermsStore implements ContractTermsStore {
  constructor(private readonly db: Db) {}

  get(caseId: string): StoredContractTerms | undefined {
    const row = this.db
      .prepare('SELECT terms_json, updated_by, updated_at FROM contract_terms WHERE case_id = ?')
      .get(caseId) as { terms_json: string; updated_by: string; updated_at: string } | undefined;
    return (
      row && {
        caseId,
        terms: JSON.parse(row.terms_json) as StoredContractTerms['terms'],
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    );
  }

  put(t: StoredContractTerms): void {
    this.db
      .prepare(
        `INSERT INTO contract_terms (case_id, terms_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET terms_json = excluded.terms_json,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(t.caseId, JSON.stringify(t.terms), t.updatedBy, t.updatedAt);
  }
}

export class SqliteTaxAssessmentStore implements TaxAssessmentStore {
  constructor(private readonly db: Db) {}

  get(caseId: string): StoredTaxAssessment | undefined {
    const row = this.db
      .prepare(
        'SELECT input_json, assessment_json, facts_json, assessed_at FROM tax_assessments WHERE case_id = ?',
      )
      .get(caseId) as
      | { input_json: string; assessment_json: string; facts_json: string; assessed_at: string }
      | undefined;
    return (
      row && {
        caseId,
        input: JSON.parse(row.input_json) as StoredTaxAssessment['input'],
        assessment: JSON.parse(row.assessment_json) as StoredTaxAssessment['assessment'],
        facts: JSON.parse(row.facts_json) as StoredTaxAssessment['facts'],
        assessedAt: row.assessed_at,
      }
    );
  }

  putIfAbsent(a: StoredTaxAssessment): StoredTaxAssessment {
    this.db
      .prepare(
        `INSERT INTO tax_assessments (case_id, input_json, assessment_json, facts_json, total_fen, assessed_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      )
      .run(
        a.caseId,
        JSON.stringify(a.input),
        JSON.stringify(a.assessment),
        JSON.stringify(a.facts),
        a.assessment.totals.all,
        a.assessedAt,
      );
    return this.get(a.caseId) as StoredTaxAssessment;
  }
}

interface UtilityRow {
  case_id: string;
  kind: UtilityKind;
  account_number: string | null;
  status: UtilityRequest['status'];
  attempts: number;
  last_error: string | null;
  opted_in_at: string;
  notified_at: string | null;
  confirmed_at: string | null;
  confirmation_no: string | null;
}

const ORDER = "CASE kind WHEN 'water' THEN 1 WHEN 'power' THEN 2 WHEN 'gas' THEN 3 ELSE 4 END";

export class SqliteUtilityStore implements UtilityStore {
  constructor(private readonly db: Db) {}

  requestsOf(caseId: string): UtilityRequest[] {
    const rows = this.db
      .prepare(`SELECT * FROM utility_requests WHERE case_id = ? ORDER BY ${ORDER}`)
      .all(caseId) as UtilityRow[];
    return rows.map((r) => ({
      caseId: r.case_id,
      kind: r.kind,
      ...(r.account_number ? { accountNumber: r.account_number } : {}),
      status: r.status,
      attempts: r.attempts,
      ...(r.last_error ? { lastError: r.last_error } : {}),
      optedInAt: r.opted_in_at,
      ...(r.notified_at ? { notifiedAt: r.notified_at } : {}),
      ...(r.confirmed_at ? { confirmedAt: r.confirmed_at } : {}),
      ...(r.confirmation_no ? { confirmationNo: r.confirmation_no } : {}),
    }));
  }

  replaceOptIn(caseId: string, choices: UtilityChoice[], at: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM utility_requests WHERE case_id = ?').run(caseId);
      const insert = this.db.prepare(
        `INSERT INTO utility_requests (case_id, kind, account_number, status, attempts, opted_in_at)
         VALUES (?, ?, ?, 'optedIn', 0, ?)`,
      );
      for (const c of choices) insert.run(caseId, c.kind, c.accountNumber ?? null, at);
    })();
  }

  unconfirmedCaseIds(): string[] {
    return (
      this.db
        .prepare("SELECT DISTINCT case_id FROM utility_requests WHERE status <> 'confirmed'")
        .all() as { case_id: string }[]
    ).map((r) => r.case_id);
  }

  save(r: UtilityRequest): void {
    this.db
      .prepare(
        `UPDATE utility_requests SET status = ?, attempts = ?, last_error = ?, notified_at = ?,
           confirmed_at = ?, confirmation_no = ? WHERE case_id = ? AND kind = ?`,
      )
      .run(
        r.status,
        r.attempts,
        r.lastError ?? null,
        r.notifiedAt ?? null,
        r.confirmedAt ?? null,
        r.confirmationNo ?? null,
        r.caseId,
        r.kind,
      );
  }
}
