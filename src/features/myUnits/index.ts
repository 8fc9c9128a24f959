export { UnitsScreen, UnitCard, openRecord, RECORD_PAGE } from './UnitsScreen';
export { UnitRecordScreen, STEP_UP_ABANDONED } from './UnitRecordScreen';
export { useMyUnits } from './store';
export type { MyUnitsState } from './store';
export { fetchMyUnits, fetchUnitRecord } from './api';
export {
  restrictionLabel,
  RESTRICTION_LABELS,
  CO_OWNERSHIP_LABELS,
  formatUnitCode,
  PAPER_ONLY_TEXT,
  OLD_STYLE_TEXT,
} from './labels';
