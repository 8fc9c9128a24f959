/**
 * What the home-sale use cases share: which business type has an online contract, how a party
 * opens a sale case (others get 404, as for any case), and who the buyers and sellers are.
 */
import { ONLINE_CONTRACT_BUSINESS_TYPES, type CaseRecord } from '../../domain/cases';
import { AppError, notFound } from '../../domain/errors';
import type { PartyDirectory } from '../../ports';
import type { CaseView, PartyCaller } from '../cases/types';

/** The business type that has an online contract: second-hand homes (docs/registry-facts.md §6). */
export const SALE_BUSINESS_TYPE = 'transfer.secondHandSale';

/** Whether a case of this business type is a sale with an online contract (with a loan too). */
export const isSaleBusinessType = (code: string): boolean =>
  ONLINE_CONTRACT_BUSINESS_TYPES.includes(code);

/** A case as its party sees it: 404 unless the caller takes part; with the actions open to them. */
export interface PartyCaseReads {
  getCase(caller: PartyCaller, caseId: string): Promise<CaseView>;
}

/** The 缴税 step of the case lifecycle, taken by the paying party once the receipt checks out. */
export type RecordTaxPaid = (
  caller: PartyCaller,
  caseId: string,
  receipt: { taxReceiptNo: string; note: string },
) => void | Promise<unknown>;

/** The sale case a party opens; 404 when it is not a sale. */
export async function saleCaseOf(
  cases: PartyCaseReads,
  caller: PartyCaller,
  caseId: string,
): Promise<CaseRecord> {
  const c = (await cases.getCase(caller, caseId)).case;
  if (!isSaleBusinessType(c.businessTypeCode)) throw notFound('该办件没有网签买卖合同');
  return c;
}

export type SaleRole = 'obligor' | 'rightHolder';

/** Whether the caller is among the case's parties in one of these roles. */
export const callerHasRole = (c: CaseRecord, caller: PartyCaller, ...roles: SaleRole[]) =>
  c.parties.some((p) => p.personId === caller.personId && (roles as string[]).includes(p.role));

/** The ID numbers of the sellers (obligor) or buyers (rightHolder), each once. */
export async function idNumbersOf(
  parties: Pick<PartyDirectory, 'person'>,
  c: CaseRecord,
  role: SaleRole,
): Promise<string[]> {
  const ids = new Set<string>();
  for (const p of c.parties.filter((x) => x.role === role)) {
    const idNumber = (await parties.person(p.personId))?.idNumber;
    if (idNumber) ids.add(idNumber);
  }
  return [...ids];
}

export const saleError = (code: ConstructorParameters<typeof AppError>[0], message: string) =>
  new AppError(code, message);
