/**
 * The housing department's online contract filing system (住建 网签备案).
 * A sale contract whose terms both parties signed in the app is filed here; from then on it is
 * shared data: the 住建 data source answers `filedContract` queries from what was filed, and
 * tax assessment takes the price from it.
 *
 * This file is the contract between the contract/tax work and the shared-data work:
 * extend it, don't rename what is here.
 */

export type PaymentMethod = 'fullPayment' | 'mortgageLoan' | 'providentFundLoan' | 'instalments';

export interface ContractTerms {
  /** total price in fen (integer) */
  priceFen: number;
  paymentMethod: PaymentMethod;
  /** YYYY-MM-DD */
  handoverDate: string;
  /** fixtures and fittings included in the sale, free text (may be empty) */
  fixtures: string;
}

export interface FiledContract {
  /** 网签备案号, assigned by the housing department */
  contractNumber: string;
  caseId: string;
  unitCode: string;
  /** ID numbers (公民身份号码) of the sellers and the buyers */
  sellerIdNumbers: string[];
  buyerIdNumbers: string[];
  terms: ContractTerms;
  /** SM3 hex of the canonical terms both parties signed */
  termsDigest: string;
  filedAt: string;
}

export interface ContractFiling {
  /** files once per case: filing the same case again returns the first filing (idempotent) */
  file(contract: Omit<FiledContract, 'contractNumber' | 'filedAt'>): Promise<FiledContract>;
  byCase(caseId: string): Promise<FiledContract | undefined>;
}
