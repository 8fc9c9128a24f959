/**
 * Login throttling that protects the person instead of harming them. Failed login steps count
 * (in the store, under SM3, so every node counts the same and nothing is kept in clear):
 * - per client address, whatever the target: past MAX_FAILURES_PER_CLIENT the address gets
 *   RATE_LIMITED, with backoff;
 * - per target ID number *at that address*: past MAX_FAILURES_PER_ID the address may not try
 *   that ID number again for a while (LOCKED_OUT, with backoff). The person themself, at their
 *   own address, is not held back by what a stranger does elsewhere;
 * - per target ID number from anywhere, only as a signal: once TARGET_ATTACK_FAILURES fall on
 *   one ID number within the window, every address that has failed against it even once is held
 *   back (the limit per address drops to one), so many addresses guessing names together gain
 *   little, while an address that never failed (the person) still logs in;
 * - a step-up counts per session: only the session's own face checks can hold it back.
 */
import { bytesToHex, sm3, utf8 } from '../../domain/crypto';
import { isAppError } from '../../domain/errors';
import {
  FAILURE_BLOCK_MS,
  FAILURE_MAX_BLOCK_MS,
  FAILURE_WINDOW_MS,
  LOGIN_FAILURE_CODES,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_ID,
  MAX_FAILURES_PER_STEP_UP_SESSION,
  TARGET_ATTACK_FAILURES,
  lockedOut,
  rateLimited,
} from '../../domain/identity';
import type { Clock, RateCounterStore } from '../../ports';
import { FailureThrottle, type FailureLimit } from '../shared/throttle';

export interface LoginThrottleDeps {
  counters: RateCounterStore;
  clock: Clock;
}

export const sm3Text = (text: string) => bytesToHex(sm3(utf8(text)));

const limit = (max: number): FailureLimit => ({
  max,
  windowMs: FAILURE_WINDOW_MS,
  blockMs: FAILURE_BLOCK_MS,
  maxBlockMs: FAILURE_MAX_BLOCK_MS,
});
const CLIENT = limit(MAX_FAILURES_PER_CLIENT);
const PAIR = limit(MAX_FAILURES_PER_ID);
const STEP_UP = limit(MAX_FAILURES_PER_STEP_UP_SESSION);

const clientKey = (client: string) => `login:client:${client}`;
const pairKey = (idNumber: string, client: string) => `login:pair:${idNumber}:${client}`;
const targetKey = (idNumber: string) => `login:target:${idNumber}`;
const stepUpKey = (sessionId: string) => `login:stepUp:${sessionId}`;

export class LoginThrottle {
  /** errors already counted, so a failure passing through nested steps counts once */
  private readonly counted = new WeakSet<object>();
  private readonly throttle: FailureThrottle;

  constructor(deps: LoginThrottleDeps) {
    this.throttle = new FailureThrottle(deps);
  }

  async assertClientAllowed(client: string): Promise<void> {
    const wait = await this.throttle.blockedFor(clientKey(client), CLIENT.max);
    if (wait !== undefined) throw rateLimited(wait);
  }

  /** failures an address may make on this ID number: fewer while it is under attack */
  private async pairLimit(idNumber: string): Promise<FailureLimit> {
    const underAttack = (await this.throttle.hits(targetKey(idNumber))) >= TARGET_ATTACK_FAILURES;
    return underAttack ? { ...PAIR, max: 1 } : PAIR;
  }

  /** May this address try this ID number now? */
  async assertTargetAllowed(idNumber: string, client: string): Promise<void> {
    const { max } = await this.pairLimit(idNumber);
    const wait = await this.throttle.blockedFor(pairKey(idNumber, client), max);
    if (wait !== undefined) throw lockedOut(wait);
  }

  async assertStepUpAllowed(sessionId: string): Promise<void> {
    const wait = await this.throttle.blockedFor(stepUpKey(sessionId), STEP_UP.max);
    if (wait !== undefined) throw lockedOut(wait);
  }

  /** Runs a login step; a failure counts (once) against the address and, if known, the target. */
  async counting<T>(
    client: string,
    idNumber: string | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await run();
      if (idNumber !== undefined) await this.throttle.clear(pairKey(idNumber, client));
      return result;
    } catch (e) {
      if (this.isNewFailure(e)) {
        await this.throttle.fail(clientKey(client), CLIENT);
        if (idNumber !== undefined) {
          const pair = await this.pairLimit(idNumber);
          await this.throttle.fail(pairKey(idNumber, client), pair);
          await this.throttle.count(targetKey(idNumber), FAILURE_WINDOW_MS);
        }
      }
      throw e;
    }
  }

  /** Runs a step-up step; a failure counts against the session (and the address) only. */
  async countingStepUp<T>(client: string, sessionId: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      await this.throttle.clear(stepUpKey(sessionId));
      return result;
    } catch (e) {
      if (this.isNewFailure(e)) {
        await this.throttle.fail(stepUpKey(sessionId), STEP_UP);
        await this.throttle.fail(clientKey(client), CLIENT);
      }
      throw e;
    }
  }

  private isNewFailure(e: unknown): boolean {
    if (!isAppError(e) || !LOGIN_FAILURE_CODES.has(e.code) || this.counted.has(e)) return false;
    this.counted.add(e);
    return true;
  }
}
