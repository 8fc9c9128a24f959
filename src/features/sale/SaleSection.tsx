/**
 * The sale's part of the case page: the contract (editable by buyer and seller until
 * submission), the tax with its explanation, payment and receipt, and the utilities; for the
 * other taxed transfers the tax alone.
 */
import type { CaseDetail } from '@contract';
import { View } from '@tarojs/components';
import { ContractForm } from './ContractForm';
import { TaxPanel } from './TaxPanel';
import { UtilitiesPanel } from './UtilitiesPanel';

export const SALE_BUSINESS_TYPE = 'transfer.secondHandSale';

/** Sales with an online contract: also with the buyer's loan (转移+抵押) or 带押过户. */
export const SALE_BUSINESS_TYPES: readonly string[] = [
  SALE_BUSINESS_TYPE,
  'transfer.saleWithMortgage',
  'transfer.mortgagedSale',
];

export function SaleSection({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  if (!SALE_BUSINESS_TYPES.includes(c.businessTypeCode)) {
    // other transfers taxed by cause (继承, 赠与…): no contract, but each taxpayer still sees and
    // pays their own lines here (docs/registry-facts.md §13); the page has no other tax section
    return c.status === 'taxPending' || c.taxPaidAt ? (
      <View className="sale-section">
        <TaxPanel caseId={c.caseId} status={c.status} onPaid={onChanged} />
      </View>
    ) : null;
  }
  return (
    <View className="sale-section">
      <ContractForm caseId={c.caseId} declaredPriceYuan={c.priceYuan} onSaved={onChanged} />
      <TaxPanel caseId={c.caseId} status={c.status} onPaid={onChanged} />
      <UtilitiesPanel caseId={c.caseId} status={c.status} />
    </View>
  );
}

/** Before signing (the application's preview): the contract, and the buyer's utilities choice. */
export function SaleBeforeSigning({
  caseId,
  businessTypeCode,
  priceYuan,
  status,
  onReady,
  onSaved,
}: {
  caseId: string;
  businessTypeCode?: string;
  /** the price given with the application: the contract does not ask for it again */
  priceYuan?: number;
  status: string;
  onReady: (ready: boolean) => void;
  onSaved: () => void;
}) {
  if (!SALE_BUSINESS_TYPES.includes(businessTypeCode ?? '')) return null;
  return (
    <View className="sale-section">
      <ContractForm
        caseId={caseId}
        declaredPriceYuan={priceYuan}
        onReady={onReady}
        onSaved={onSaved}
      />
      <UtilitiesPanel caseId={caseId} status={status} />
    </View>
  );
}
