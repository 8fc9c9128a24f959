/**
 * The public checks, limited per client address: verifying a presentation (a wrong 6-digit
 * code counts against the client, so the code space cannot be walked) and checking a file
 * against its detached signature (each check counts: up to 6 MB of base64 and an SM2
 * verification). The counts live in the store, so the limits hold however many nodes serve.
 */
import { AppError, isAppError } from '../../domain/errors';
import type { Clock } from '../../ports';
import type { AttemptBucket, CertificateStore } from '../../ports/certificates';
import type { PrintedCopies } from './printedCopies';
import type { Verification } from './verification';
import type { Person, VerificationView } from './views';

/** wrong codes tolerated per client address per window */
export const CODE_FAILURES_PER_WINDOW = 10;
export const CODE_WINDOW_MS = 60_000;
/** file checks (up to 6 MB of base64 and an SM2 verification each) per client address per window */
export const FILE_CHECKS_PER_WINDOW = 20;

const LIMITS: Record<AttemptBucket, { limit: number; message: string }> = {
  code: { limit: CODE_FAILURES_PER_WINDOW, message: '核验码输错次数过多，请1分钟后再试' },
  file: { limit: FILE_CHECKS_PER_WINDOW, message: '文件核验过于频繁，请1分钟后再试' },
};

export interface LimitedVerificationDeps {
  store: Pick<CertificateStore, 'takeAttempt' | 'dropAttempt'>;
  verification: Pick<Verification, 'verify'>;
  printedCopies: Pick<PrintedCopies, 'verifyFile'>;
  clock: Clock;
}

export class LimitedVerification {
  constructor(private readonly deps: LimitedVerificationDeps) {}

  /** `client` is the caller's address; only a wrong 6-digit code counts against it. */
  async verify(
    input: { token: string } | { code: string },
    verifier: Person | undefined,
    client: string,
  ): Promise<VerificationView> {
    if (!('code' in input)) return this.deps.verification.verify(input, verifier);
    // the attempt is counted before the code is looked up (so concurrent guesses on several
    // nodes cannot pass the limit together) and taken back unless the code was not found
    const attemptId = await this.take('code', client);
    let wrongCode = false;
    try {
      return await this.deps.verification.verify(input, verifier);
    } catch (e) {
      wrongCode = isAppError(e) && e.code === 'VERIFY_CODE_NOT_FOUND';
      throw e;
    } finally {
      if (!wrongCode) await this.deps.store.dropAttempt(attemptId);
    }
  }

  /** Does this file match the registry's detached signature? Each check counts. */
  async verifyFile(file: Uint8Array, signature: unknown, client: string) {
    await this.take('file', client);
    return this.deps.printedCopies.verifyFile(file, signature);
  }

  private async take(bucket: AttemptBucket, client: string): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const outcome = await this.deps.store.takeAttempt(
      bucket,
      client,
      now,
      CODE_WINDOW_MS,
      LIMITS[bucket].limit,
    );
    if (!outcome.counted) {
      throw new AppError('RATE_LIMITED', LIMITS[bucket].message, {
        retryAfterSeconds: Math.ceil((outcome.oldestMs + CODE_WINDOW_MS - now) / 1000),
      });
    }
    return outcome.attemptId;
  }
}
