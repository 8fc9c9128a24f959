/**
 * The seven data-source simulators (公安, 民政, 住建, 法院, 银行, 税务, 规划) behind the
 * SharedDataSource port. Each answers from the seeded register, persons and marriages (and, for
 * 住建 contracts, the ContractFiling it is given; for 税务, the registry's tax payment records),
 * seals every answer with ITS OWN SM2 key (the key store's 'data-source.<code>', random, kept in
 * the key files: sourceKeys below) and stamps the injected clock's time; the
 * fault switch shared by every node (faultStore.ts) makes a source slow, unavailable or wrong.
 * One file per department says what it holds (departments/).
 */
import type { KSource } from '../../domain/crypto';
import type { Clock, RegisterRepository, TaxPaymentStore } from '../../ports';
import type { ContractFiling } from '../../ports/contracts';
import type { DataSourceCode } from '../../ports/sharedData';
import type { SqlDb } from '../sql/types';
import { banksAnswers } from './departments/banks';
import { civilAffairsAnswers } from './departments/civilAffairs';
import { courtsAnswers } from './departments/courts';
import { housingAnswers } from './departments/housing';
import { planningAnswers } from './departments/planning';
import { publicSecurityAnswers } from './departments/publicSecurity';
import { taxAnswers } from './departments/tax';
import type { DataSourceFaultSwitch } from './faults';
import type { KeyStore, NamedKey } from '../../ports/keys';
import { dataSourceKeyName } from '../keys/keyNames';
import { DATA_SOURCE_CODES } from '../../ports/sharedData';
import { RegisterFacts } from './registerFacts';
import { SimulatedDataSource, type DepartmentAnswers } from './simulatedSource';

export { parseDataSourceFaults, DATA_SOURCE_FAULT_MODES } from './faults';
export type { DataSourceFaultMode, DataSourceFaultSwitch } from './faults';
export { SqlDataSourceFaults } from './faultStore';
export { SimulatedDataSource } from './simulatedSource';

export interface DataSourcesOptions {
  /** the registry's store: persons, marriages, the register */
  db: SqlDb;
  register: Pick<RegisterRepository, 'unit'>;
  /** 住建's contract filing; absent → 住建 holds no filed contracts */
  contracts?: Pick<ContractFiling, 'byCase'>;
  taxPayments?: Pick<TaxPaymentStore, 'chargesOf' | 'receiptOf'>;
  clock: Clock;
  /** the shared fault switch (SqlDataSourceFaults); absent → every source answers */
  faults?: Pick<DataSourceFaultSwitch, 'of'>;
  /** each department's seal key (sourceKeys) */
  keys: Record<DataSourceCode, NamedKey>;
  /** how long a 'slow' source takes, ms */
  slowMs?: number;
  kSource?: KSource;
}

export type DataSources = Record<DataSourceCode, SimulatedDataSource>;

const NO_FAULTS: Pick<DataSourceFaultSwitch, 'of'> = { of: async () => 'ok' };

export function createDataSources(o: DataSourcesOptions): DataSources {
  const facts = new RegisterFacts(o.db, o.register);
  const make = (code: DataSourceCode, answers: DepartmentAnswers) =>
    new SimulatedDataSource({
      code,
      key: o.keys[code],
      clock: o.clock,
      faults: o.faults ?? NO_FAULTS,
      slowMs: o.slowMs ?? 3_000,
      ...answers,
      ...(o.kSource ? { kSource: o.kSource } : {}),
    });
  return {
    publicSecurity: make('publicSecurity', publicSecurityAnswers(facts)),
    civilAffairs: make('civilAffairs', civilAffairsAnswers(facts)),
    housing: make('housing', housingAnswers(facts, o.contracts)),
    courts: make('courts', courtsAnswers(facts)),
    banks: make('banks', banksAnswers(facts)),
    tax: make('tax', taxAnswers(o.taxPayments)),
    planning: make('planning', planningAnswers(facts)),
  };
}

/** Each department's current seal key from the key store (created on first start). */
export async function sourceKeys(keys: KeyStore): Promise<Record<DataSourceCode, NamedKey>> {
  const entries = await Promise.all(
    DATA_SOURCE_CODES.map(async (code) => [code, await keys.current(dataSourceKeyName(code))]),
  );
  return Object.fromEntries(entries) as Record<DataSourceCode, NamedKey>;
}
