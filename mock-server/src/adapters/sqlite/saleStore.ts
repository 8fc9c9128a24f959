/**
 * Stores of the home sale (migration 0011): contract terms, tax assessments, utilities. Written
 * once on SqlDb (portable SQL), so they run on the embedded SQLite file and on PostgreSQL alike;
 * every node reads and writes the same rows.
 */
import type { UtilityChoice, UtilityKind } from '../../domain/sale';
import type {
  ContractTermsStore,
  StoredContractTerms,
  StoredTaxAssessment,
  TaxAssessmentStore,
  UtilityRequest,
  UtilityStore,
} from '../../ports/sale';
import type { SqlDb } from '../sql/types';

interface TermsRow {
  terms_json: string;
  updated_by: string;
  updated_at: string;
}

const TERMS_SQL = 'SELECT terms_json, updated_by, updated_at FROM contract_terms WHERE case_id = ?';

const termsOf = (caseId: string, row: TermsRow | undefined): StoredContractTerms | undefined =>
  row && {
    caseId,
    terms: JSON.parse(row.terms_json) as StoredContractTerms['terms'],
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };

export class SqlContractTermsStore implements ContractTermsStore {
  constructor(private readonly db: SqlDb) {}

  async get(caseId: string): Promise<StoredContractTerms | undefined> {
    return termsOf(caseId, await this.db.get<TermsRow>(TERMS_SQL, [caseId]));
  }

  async put(t: StoredContractTerms): Promise<void> {
    await this.db.run(
      `INSERT INTO contract_terms (case_id, terms_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET terms_json = excluded.terms_json,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [t.caseId, JSON.stringify(t.terms), t.updatedBy, t.updatedAt],
    );
  }
}

interface AssessmentRow {
  input_json: string;
  assessment_json: string;
  facts_json: string;
  assessed_at: string;
}

export class SqlTaxAssessmentStore implements TaxAssessmentStore {
  constructor(private readonly db: SqlDb) {}

  async get(caseId: string): Promise<StoredTaxAssessment | undefined> {
    const row = await this.db.get<AssessmentRow>(
      'SELECT input_json, assessment_json, facts_json, assessed_at FROM tax_assessments WHERE case_id = ?',
      [caseId],
    );
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

  /** the primary key keeps the first assessment, whichever node made it */
  async putIfAbsent(a: StoredTaxAssessment): Promise<StoredTaxAssessment> {
    await this.db.run(
      `INSERT INTO tax_assessments (case_id, input_json, assessment_json, facts_json, total_fen, assessed_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      [
        a.caseId,
        JSON.stringify(a.input),
        JSON.stringify(a.assessment),
        JSON.stringify(a.facts),
        a.assessment.totals.all,
        a.assessedAt,
      ],
    );
    return (await this.get(a.caseId)) as StoredTaxAssessment;
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

export class SqlUtilityStore implements UtilityStore {
  constructor(private readonly db: SqlDb) {}

  async requestsOf(caseId: string): Promise<UtilityRequest[]> {
    const rows = await this.db.all<UtilityRow>(
      `SELECT * FROM utility_requests WHERE case_id = ? ORDER BY ${ORDER}`,
      [caseId],
    );
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

  async replaceOptIn(caseId: string, choices: UtilityChoice[], at: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM utility_requests WHERE case_id = ?', [caseId]);
      for (const c of choices) {
        await tx.run(
          `INSERT INTO utility_requests (case_id, kind, account_number, status, attempts, opted_in_at)
           VALUES (?, ?, ?, 'optedIn', 0, ?)`,
          [caseId, c.kind, c.accountNumber ?? null, at],
        );
      }
    });
  }

  async unconfirmedCaseIds(): Promise<string[]> {
    const rows = await this.db.all<{ case_id: string }>(
      "SELECT DISTINCT case_id FROM utility_requests WHERE status <> 'confirmed' ORDER BY case_id",
    );
    return rows.map((r) => r.case_id);
  }

  async save(r: UtilityRequest): Promise<void> {
    await this.db.run(
      `UPDATE utility_requests SET status = ?, attempts = ?, last_error = ?, notified_at = ?,
         confirmed_at = ?, confirmation_no = ? WHERE case_id = ? AND kind = ?`,
      [
        r.status,
        r.attempts,
        r.lastError ?? null,
        r.notifiedAt ?? null,
        r.confirmedAt ?? null,
        r.confirmationNo ?? null,
        r.caseId,
        r.kind,
      ],
    );
  }
}
