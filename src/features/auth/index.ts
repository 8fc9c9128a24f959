export { LoginScreen, FACE_PAGE } from './LoginScreen';
export type { LoginScreenProps } from './LoginScreen';
export { FaceScreen } from './FaceScreen';
export type { FaceScreenProps } from './FaceScreen';
export { IdentityForm, checkName, NAME_MESSAGES, CONSENT_REQUIRED } from './IdentityForm';
export { AccountPanel } from './AccountPanel';
export { useFaceCheck, EXPIRED_LOCALLY } from './useFaceCheck';
export type { FacePhase, FacePurpose } from './useFaceCheck';
export {
  actionPrompt,
  challengeSteps,
  challengeDeadline,
  secondsLeft,
  formatCountdown,
  ACTION_PROMPTS,
  FACE_FRONT_PROMPT,
} from './prompts';
export { useClaim } from './store';
export { FACE_CONSENT_TEXT, FACE_CONSENT_TITLE, FACE_CONSENT_SUMMARY } from './consent';
