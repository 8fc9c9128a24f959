/**
 * The housing department's online contract filing system (住建 网签备案), simulated and
 * persisted (migration 0011). Files once per case: filing again returns the first filing. The
 * 网签备案号 is TZWQ + year + a 7-digit serial, unique.
 */
import { bytesToHex, canonicalJsonBytes, sm3 } from '../../domain/crypto';
import type { Clock } from '../../ports';
import type { ContractFiling, FiledContract } from '../../ports/contracts';
import type { Db } from '../sqlite/database';

export const HOUSING_DEPARTMENT_NAME = '台州市住房和城乡建设局（网签备案，模拟）';

export class SqliteContractFiling implements ContractFiling {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Synchronous core (the filing is written before the promise is returned). */
  fileNow(contract: Omit<FiledContract, 'contractNumber' | 'filedAt'>): FiledContract {
    return this.db
      .transaction(() => {
        const existing = this.byCaseNow(contract.caseId);
        if (existing) return existing;
        const filedAt = this.clock.now().toISOString();
        const year = filedAt.slice(0, 4);
        const prefix = `TZWQ${year}`;
        const last = this.db
          .prepare(
            'SELECT MAX(contract_number) AS n FROM housing_contract_filings WHERE contract_number LIKE ?',
          )
          .get(`${prefix}%`) as { n: string | null };
        const serial = last.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
        const filed: FiledContract = {
          ...contract,
          contractNumber: `${prefix}${String(serial).padStart(7, '0')}`,
          filedAt,
        };
        this.db
          .prepare(
            `INSERT INTO housing_contract_filings (case_id, contract_number, unit_code, contract_json, filed_at)
             VALUES (?, ?, ?, ?, ?)`,
          )
          .run(filed.caseId, filed.contractNumber, filed.unitCode, JSON.stringify(filed), filedAt);
        return filed;
      })
      .immediate();
  }

  byCaseNow(caseId: string): FiledContract | undefined {
    const row = this.db
      .prepare('SELECT contract_json FROM housing_contract_filings WHERE case_id = ?')
      .get(caseId) as { contract_json: string } | undefined;
    return row && (JSON.parse(row.contract_json) as FiledContract);
  }

  file(contract: Omit<FiledContract, 'contractNumber' | 'filedAt'>): Promise<FiledContract> {
    try {
      return Promise.resolve(this.fileNow(contract));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  byCase(caseId: string): Promise<FiledContract | undefined> {
    return Promise.resolve(this.byCaseNow(caseId));
  }
}

/** SM3 of the canonical terms (what both parties signed) */
export const termsDigestOf = (terms: unknown): string => bytesToHex(sm3(canonicalJsonBytes(terms)));
