/** The electronic archive: Merkle-log proofs, tree heads, packages, 四性检测 reports. */
import { Type, type Static } from '@sinclair/typebox';
import { SealedDocument } from './cases';

const Hex = Type.String({ pattern: '^[0-9a-f]*$' });

export const TreeHeadResponse = Type.Object({
  treeSize: Type.Integer({ minimum: 0 }),
  rootHash: Hex,
  hashAlgorithm: Type.String({ description: 'sm3 (default) or sha256' }),
  treeHead: SealedDocument,
});
export type TreeHeadResponse = Static<typeof TreeHeadResponse>;

/** GET /archive/proof — exactly one of leaf, packageId, certificateNumber. */
export const ProofQuery = Type.Object(
  {
    leaf: Type.Optional(Type.Integer({ minimum: 0 })),
    packageId: Type.Optional(Type.String({ maxLength: 80 })),
    certificateNumber: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type ProofQuery = Static<typeof ProofQuery>;

/** RFC 9162 inclusion proof of one leaf in the latest signed tree head. */
export const InclusionProofResponse = Type.Object({
  leafIndex: Type.Integer({ minimum: 0 }),
  kind: Type.String(),
  ref: Type.String(),
  /** the leaf's data (UTF-8 canonical JSON); leaf hash = H(0x00 ‖ data) */
  leafData: Type.String(),
  leafHash: Hex,
  treeSize: Type.Integer({ minimum: 1 }),
  proof: Type.Array(Hex),
  hashAlgorithm: Type.String(),
  treeHead: SealedDocument,
});
export type InclusionProofResponse = Static<typeof InclusionProofResponse>;

export const ConsistencyQuery = Type.Object(
  { first: Type.Integer({ minimum: 0 }), second: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export const ConsistencyProofResponse = Type.Object({
  firstSize: Type.Integer(),
  secondSize: Type.Integer(),
  proof: Type.Array(Hex),
  hashAlgorithm: Type.String(),
  firstTreeHead: SealedDocument,
  secondTreeHead: SealedDocument,
});
export type ConsistencyProofResponse = Static<typeof ConsistencyProofResponse>;

export const ManifestItemView = Type.Object({
  no: Type.Integer({ minimum: 1 }),
  kind: Type.String(),
  title: Type.String(),
  mediaType: Type.String(),
  digest: Hex,
  size: Type.Integer({ minimum: 0 }),
});

export const PackageParams = Type.Object({ packageId: Type.String({ maxLength: 80 }) });

export const ArchivePackageResponse = Type.Object({
  packageId: Type.String(),
  archiveNumber: Type.String(),
  caseId: Type.String(),
  filedAt: Type.String(),
  leafIndex: Type.Integer(),
  manifest: SealedDocument,
  items: Type.Array(
    Type.Object({
      no: Type.Integer(),
      mediaType: Type.String(),
      json: Type.Optional(Type.Unknown()),
      base64: Type.Optional(Type.String()),
      /**
       * the item as this reader may see it: other people's personal data masked or withheld
       * (it no longer matches the manifest's digest)
       */
      masked: Type.Optional(Type.Literal(true)),
      /** why the item's content is left out for this reader (another party's uploaded file) */
      withheld: Type.Optional(Type.String()),
    }),
  ),
});
export type ArchivePackageResponse = Static<typeof ArchivePackageResponse>;

export const CaseArchiveParams = Type.Object({ caseId: Type.String({ maxLength: 80 }) });

export const CheckResultView = Type.Object({
  aspect: Type.Union([
    Type.Literal('authenticity'),
    Type.Literal('integrity'),
    Type.Literal('usability'),
    Type.Literal('security'),
  ]),
  code: Type.String(),
  target: Type.String(),
  ok: Type.Boolean(),
  message: Type.String(),
});

const AspectSummary = Type.Object({ passed: Type.Integer(), failed: Type.Integer() });

/** 四性检测 report (staff console; `npm run archive:check` prints the same). */
export const ArchiveCheckResponse = Type.Object({
  ok: Type.Boolean(),
  checkedAt: Type.String(),
  scope: Type.Union([Type.Literal('package'), Type.Literal('archive')]),
  summary: Type.Object({
    authenticity: AspectSummary,
    integrity: AspectSummary,
    usability: AspectSummary,
    security: AspectSummary,
  }),
  results: Type.Array(CheckResultView),
  problems: Type.Array(CheckResultView),
});
export type ArchiveCheckResponse = Static<typeof ArchiveCheckResponse>;
