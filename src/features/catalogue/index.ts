export { CatalogueSection } from './CatalogueSection';
export { CatalogueItem } from './CatalogueItem';
export { ServiceEntries, SERVICE_ENTRIES, openServiceEntry } from './ServiceEntries';
export type { ServiceEntry, ServiceEntriesProps } from './ServiceEntries';
export { useCatalogue, resetCatalogue } from './store';
export type { CatalogueState, CatalogueStatus } from './store';
export { fetchCatalogue } from './api';
export { promisedTimeText } from './promise';
export { useCataloguePullDownRefresh } from './usePullDownRefresh';
