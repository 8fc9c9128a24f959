/**
 * The housing department's online contract filing system (住建 网签备案), simulated and
 * persisted (migration 0011) on SqlDb. Files once per case: filing again returns the first filing. The
 * 网签备案号 is TZWQ + year + a 7-digit serial, unique.
 */
import { bytesToHex, canonicalJsonBytes, sm3 } from '../../domain/crypto';
import { beijingYear } from '../../domain/time';
import type { Clock } from '../../ports';
import type { ContractFiling, FiledContract } from '../../ports/contracts';
import type { SqlDb } from '../sql/types';

export const HOUSING_DEPARTMENT_NAME = '台州市住房和城乡建设局（网签备案，模拟）';

export class SqlContractFiling implements ContractFiling {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  /**
   * One write transaction (serialised registry-wide, on every node): the case's filing is
   * looked up, and otherwise numbered after the highest number of the year and stored. Two
   * nodes filing one case at once file it once; two cases never share a number.
   */
  async file(contract: Omit<FiledContract, 'contractNumber' | 'filedAt'>): Promise<FiledContract> {
    const filedAt = this.clock.now().toISOString();
    return this.db.transaction(async (tx) => {
      const existing = await this.byCase(contract.caseId);
      if (existing) return existing;
      const prefix = `TZWQ${beijingYear(filedAt)}`;
      // exact text comparison of the prefix (LIKE ignores case on SQLite only)
      const last = await tx.get<{ n: string | null }>(
        `SELECT MAX(contract_number) AS n FROM housing_contract_filings
          WHERE substr(contract_number, 1, ?) = ?`,
        [prefix.length, prefix],
      );
      const serial = last?.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
      const filed: FiledContract = {
        ...contract,
        contractNumber: `${prefix}${String(serial).padStart(7, '0')}`,
        filedAt,
      };
      await tx.run(
        `INSERT INTO housing_contract_filings (case_id, contract_number, unit_code, contract_json, filed_at)
         VALUES (?, ?, ?, ?, ?)`,
        [filed.caseId, filed.contractNumber, filed.unitCode, JSON.stringify(filed), filedAt],
      );
      return filed;
    });
  }

  async byCase(caseId: string): Promise<FiledContract | undefined> {
    const row = await this.db.get<{ contract_json: string }>(
      'SELECT contract_json FROM housing_contract_filings WHERE case_id = ?',
      [caseId],
    );
    return row && (JSON.parse(row.contract_json) as FiledContract);
  }
}

/** SM3 of the canonical terms (what both parties signed) */
export const termsDigestOf = (terms: unknown): string => bytesToHex(sm3(canonicalJsonBytes(terms)));
