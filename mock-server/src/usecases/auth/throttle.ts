/**
 * Login throttling: failed login steps count against the client address (RATE_LIMITED after
 * MAX_FAILURES_PER_CLIENT within the window) and the ID number (LOCKED_OUT after
 * MAX_FAILURES_PER_ID). Both are kept in the store under their SM3, so every registry node
 * counts the same failures and no ID number or address is stored in clear.
 */
import { bytesToHex, sm3, utf8 } from '../../domain/crypto';
import { isAppError } from '../../domain/errors';
import {
  FAILURE_WINDOW_MS,
  LOGIN_FAILURE_CODES,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_ID,
  lockedOut,
  rateLimited,
  throttleState,
} from '../../domain/identity';
import type { Clock, FailureScope, LoginFailureStore } from '../../ports';

export interface LoginThrottleDeps {
  failures: LoginFailureStore;
  clock: Clock;
}

export const sm3Text = (text: string) => bytesToHex(sm3(utf8(text)));

export class LoginThrottle {
  /** errors already counted, so a failure passing through nested steps counts once */
  private readonly counted = new WeakSet<object>();

  constructor(private readonly deps: LoginThrottleDeps) {}

  async assertClientAllowed(client: string): Promise<void> {
    const t = await this.state('client', client, MAX_FAILURES_PER_CLIENT);
    if (t.blocked) throw rateLimited(t.retryAfterSeconds);
  }

  async assertIdAllowed(idNumber: string): Promise<void> {
    const t = await this.state('id', idNumber, MAX_FAILURES_PER_ID);
    if (t.blocked) throw lockedOut(t.retryAfterSeconds);
  }

  /** Runs a login step; a failure counts (once) against the client and, if known, the ID number. */
  async counting<T>(
    client: string,
    idNumber: string | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isAppError(e) && LOGIN_FAILURE_CODES.has(e.code) && !this.counted.has(e)) {
        this.counted.add(e);
        const at = this.deps.clock.now().toISOString();
        await this.deps.failures.record('client', sm3Text(client), at);
        if (idNumber !== undefined) await this.deps.failures.record('id', sm3Text(idNumber), at);
      }
      throw e;
    }
  }

  private async state(scope: FailureScope, key: string, max: number) {
    const now = this.deps.clock.now();
    const failures = await this.deps.failures.since(
      scope,
      sm3Text(key),
      new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString(),
    );
    return throttleState(failures, now.getTime(), max);
  }
}
