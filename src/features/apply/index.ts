export { ApplyScreen, LoginFirst, CASE_DETAIL_PAGE } from './ApplyScreen';
export { CoSignScreen } from './CoSignScreen';
export { Questionnaire } from './Questionnaire';
export { SharesEditor } from './SharesEditor';
export { MaterialsChecklist, MaterialCard } from './MaterialsStep';
export { InquiryForm } from './InquiryStep';
export { useApply, restore, resetApply, DRAFT_KEY, STEPS, setStep, updateForm } from './draft';
export type { StepKey, CachedDraft } from './draft';
export { uploadQueueFor, resetUploadQueues, isRetryableUpload } from './uploads';
