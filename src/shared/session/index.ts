export {
  useSession,
  getToken,
  signIn,
  signOut,
  extendSession,
  reloadSession,
  SESSION_KEY,
} from './store';
export type { SessionState, StoredSession } from './store';
export {
  requestStepUp,
  settleStepUp,
  isStepUpPending,
  setStepUpPresenter,
  STEP_UP_PAGE,
} from './stepUp';
