/**
 * The verification phase shared by `bench:verify` and `bench:registry`: a holder logged in through
 * the 浙里办 simulator (with step-up) presents a certificate from the wallet (亮证), and relying
 * parties POST each presentation token to /api/v1/verify: the seal checked with the registry's
 * public key, the certificate's status read now, the token's use counted and the check logged,
 * i.e. a full status check. Each token allows USES checks, so a run of N checks first makes
 * N / USES presentations (setup, not measured). With several nodes both the presentations and
 * the checks go to each node in turn.
 */
import { citizen, ok, type Who } from '../../tests/server/support/nodes';
import type { Phase, LoadGenerator } from './harness';
import type { RequestSpec } from './load';

/** a holder of the seed with a presentable certificate in the wallet */
export const HOLDER: Who = { idNumber: '33100419820825953X', name: '杨永明' };
/** the use allowance of one presentation token */
export const USES = 3;

export interface VerificationOptions {
  requests: number;
  warmup: number;
  concurrency: number;
}

/** Logs the holder in on the first node and finds a presentable wallet item. */
async function holderOn(url: string) {
  const token = await citizen(url, HOLDER);
  const wallet = await ok<{ items: { id: string; presentable: boolean }[] }>(
    url,
    'GET',
    '/me/wallet',
    { token },
  );
  const item = wallet.items.find((i) => i.presentable);
  if (!item) throw new Error('the holder has no presentable certificate in the wallet');
  return { token, itemId: item.id };
}

/** The phase: `nodes` are the base URLs of the registry nodes taking turns. */
export function verificationPhase(
  name: string,
  nodes: string[],
  load: LoadGenerator,
  opts: VerificationOptions,
): Phase {
  let holder: Promise<{ token: string; itemId: string }> | undefined;
  return {
    name,
    async run(round) {
      holder ??= holderOn(nodes[0]);
      const { token, itemId } = await holder;
      const checks = round === 0 ? opts.warmup : opts.requests;
      // a fresh face check: presenting needs one younger than five minutes
      await citizenStepUp(nodes[0], token);
      const presentations: RequestSpec[] = Array.from(
        { length: Math.ceil(checks / USES) },
        (_, i) => ({
          url: `${nodes[i % nodes.length]}/api/v1/me/wallet/${itemId}/presentations`,
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: { view: 'minimal' },
        }),
      );
      const made = await load.run({
        kind: 'requests',
        concurrency: opts.concurrency,
        requests: presentations,
        collect: 'token',
      });
      if (made.errors > 0) throw new Error(`presentations failed: ${made.firstError}`);
      const tokens = made.collected ?? [];
      const verify: RequestSpec[] = [];
      for (let u = 0; u < USES; u++) {
        for (const t of tokens) {
          if (verify.length < checks) {
            verify.push({
              url: `${nodes[verify.length % nodes.length]}/api/v1/verify`,
              method: 'POST',
              body: { token: t },
            });
          }
        }
      }
      return load.run({ kind: 'requests', concurrency: opts.concurrency, requests: verify });
    },
  };
}

async function citizenStepUp(url: string, token: string): Promise<void> {
  const { passId } = await ok<{ passId: string }>(url, 'POST', '/sim/zlb/zm-auth', {
    body: { certNo: HOLDER.idNumber, certName: HOLDER.name },
  });
  await ok(url, 'POST', '/auth/zlb/step-up', { body: { passId }, token });
}

/** The baseline phase: GET /ping on the plain Fastify route process. */
export function plainPhase(
  name: string,
  url: string,
  load: LoadGenerator,
  opts: VerificationOptions,
): Phase {
  return {
    name,
    run: (round) =>
      load.run({
        kind: 'requests',
        concurrency: opts.concurrency,
        requests: Array.from({ length: round === 0 ? opts.warmup : opts.requests }, () => ({
          url: `${url}/ping`,
        })),
      }),
  };
}
