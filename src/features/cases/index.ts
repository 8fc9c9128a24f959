export { CasesScreen, InvitationCodeBox, APPLY_PAGE, SIGN_PAGE, DETAIL_PAGE } from './CasesScreen';
export { CaseDetailScreen } from './CaseDetailScreen';
export type { CaseDetailScreenProps } from './CaseDetailScreen';
export { InviteScreen } from './InviteScreen';
export { STATUS_TEXT, normaliseCode, INVITE_CODE } from './labels';
