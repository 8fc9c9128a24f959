/** GET /api/v1/keys: every public key the registry's seals and its simulators' signatures use. */
import { Type, type Static } from '@sinclair/typebox';

const Str = Type.String();

export const PublishedKeysResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      /** registry, signature-ca, identity-platform, data-source.<code> */
      name: Str,
      purpose: Str,
      keyId: Str,
      algorithm: Type.Literal('SM2-with-SM3'),
      curve: Type.Literal('sm2p256v1'),
      /** uncompressed SM2 public key 04‖x‖y, hex */
      publicKeyHex: Str,
      createdAt: Str,
      /** a retired key signs no more; what it signed before still verifies with it */
      retiredAt: Type.Optional(Str),
    }),
  ),
});
export type PublishedKeysResponse = Static<typeof PublishedKeysResponse>;
