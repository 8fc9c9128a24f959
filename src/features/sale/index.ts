export { ContractForm, ContractSummary } from './ContractForm';
export { TaxPanel, TaxReceiptView } from './TaxPanel';
export { UtilitiesPanel } from './UtilitiesPanel';
export { SaleSection, SaleBeforeSigning, SALE_BUSINESS_TYPE } from './SaleSection';
