/**
 * What the counter keys in for a walk-in applicant, and which fields each business type takes.
 */
import { MORTGAGE_TERMS_RECORDS, type BusinessType } from '../../domain/catalogue';
import { validationFailed } from '../../domain/errors';
import { isCalendarDate } from '../../domain/time';
import type { DraftInput, PartyInput } from '../cases/types';

/** What the counter keys in for a walk-in applicant; the first party is the applicant. */
export type CounterIntakeInput = DraftInput & {
  businessTypeCode: string;
  unitCode?: string;
  /** 不动产权证书号, or the 不动产登记证明号 of a mortgage to cancel / an advance notice */
  certificateNumber?: string;
  parties: PartyInput[];
  note?: string;
};

const realDate = isCalendarDate;

/**
 * The fields the business type takes and needs at the counter (400 VALIDATION_FAILED otherwise):
 * terms of another business are refused rather than silently dropped.
 */
export function checkCounterFields(
  name: string,
  records: NonNullable<NonNullable<BusinessType['application']>['records']>,
  input: CounterIntakeInput,
): void {
  const not = (what: string) => validationFailed(`“${name}”不填写${what}`);
  const transfer = ['transfer', 'transferWithMortgage', 'mortgagedTransfer'].includes(records);
  const mortgage = MORTGAGE_TERMS_RECORDS.includes(records);
  if (!transfer) {
    if (input.newCoOwnership !== undefined) throw not('共有方式');
    if (input.priceYuan !== undefined) throw not('成交价');
  }
  if (!mortgage && input.mortgage) throw not('抵押信息');
  if (records !== 'holderIdentityChange' && input.identityChange) throw not('身份变更信息');
  if (mortgage) {
    const m = input.mortgage;
    if (!m) throw validationFailed('请填写抵押信息（抵押方式、被担保债权数额、债务履行期限）');
    if (!realDate(m.debtStartsOn) || !realDate(m.debtEndsOn))
      throw validationFailed('债务履行期限的日期不存在，应为YYYY-MM-DD');
    if (m.debtEndsOn <= m.debtStartsOn)
      throw validationFailed('债务履行期限的结束日期必须晚于开始日期');
  }
  if (records === 'mortgageCancellation' && !input.certificateNumber?.trim())
    throw validationFailed('请输入要注销的抵押权的不动产登记证明号（不动产证明第…号）');
  if (records === 'holderIdentityChange' && !input.identityChange)
    throw validationFailed('请填写变更后的姓名和公民身份号码');
  if (!input.unitCode && !input.certificateNumber?.trim())
    throw validationFailed('请填写不动产单元号或证书号');
}
