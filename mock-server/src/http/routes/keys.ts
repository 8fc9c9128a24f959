/**
 * GET /api/v1/keys: the public half of every key the server signs with (the registry's seal, the
 * signature CA, the identity platform simulator in demo mode, each data source), current and
 * retired, each with its key id: anyone can check any seal or signature, also one made before a
 * rotation (npm run keys:rotate).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, NoQuery, PublishedKeysResponse } from '../../contract';
import type { PublishedKey } from '../../ports/keys';

export interface KeyRouteDeps {
  publishedKeys: () => Promise<(PublishedKey & { purpose: string })[]>;
}

export async function keyRoutes(app: FastifyInstance, deps: KeyRouteDeps): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/keys',
    {
      schema: {
        querystring: NoQuery,
        response: { 200: PublishedKeysResponse, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (): Promise<PublishedKeysResponse> => ({
      items: (await deps.publishedKeys()).map((k) => ({
        name: k.name,
        purpose: k.purpose,
        keyId: k.keyId,
        algorithm: 'SM2-with-SM3' as const,
        curve: 'sm2p256v1' as const,
        publicKeyHex: k.publicKeyHex,
        createdAt: k.createdAt,
        ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
      })),
    }),
  );
}
