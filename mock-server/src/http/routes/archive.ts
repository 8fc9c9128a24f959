/**
 * The archive's public proofs (anyone verifying a certificate may fetch them) and a party's read
 * of their own case's package (fresh step-up; every read is audited).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ArchivePackageResponse,
  CaseArchiveParams,
  ConsistencyProofResponse,
  ConsistencyQuery,
  ErrorBody,
  InclusionProofResponse,
  NoQuery,
  PackageParams,
  ProofQuery,
  TreeHeadResponse,
  type SealedDocument,
} from '../../contract';
import { validationFailed, notFound } from '../../domain/errors';
import { maskFor, readsUploadOf, type Viewer } from '../../domain/masking';
import { signatureProofsAsReadBy } from '../../domain/signing';
import type { CaseStore } from '../../ports';
import type { ArchiveService } from '../../usecases/archive/service';
import { callerOf, requireStepUp } from '../auth';

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

/** Who uploaded each archived file, by its SM3 digest (the application item's `uploads`). */
function uploadersIn(contents: readonly object[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const it of contents) {
    if (!('json' in it)) continue;
    const uploads = (it.json as { uploads?: unknown } | null)?.uploads;
    if (!Array.isArray(uploads)) continue;
    for (const u of uploads as { sm3?: unknown; uploadedBy?: unknown }[]) {
      if (typeof u.sm3 === 'string' && typeof u.uploadedBy === 'string')
        out.set(u.sm3, u.uploadedBy);
    }
  }
  return out;
}

export interface ArchiveRouteDeps {
  archive: ArchiveService;
  cases: CaseStore;
}

export async function archiveRoutes(app: FastifyInstance, deps: ArchiveRouteDeps): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { archive } = deps;

  api.get(
    '/archive/tree-head',
    { schema: { querystring: NoQuery, response: { 200: TreeHeadResponse, ...ERRORS } } },
    async () => {
      const h = await archive.log.latestHead();
      return {
        treeSize: h.treeSize,
        rootHash: h.rootHash,
        hashAlgorithm: h.hashAlgorithm,
        treeHead: h.head as unknown as SealedDocument,
      };
    },
  );

  api.get(
    '/archive/proof',
    { schema: { querystring: ProofQuery, response: { 200: InclusionProofResponse, ...ERRORS } } },
    async (req) => {
      const q = req.query;
      const given = [q.leaf !== undefined, Boolean(q.packageId), Boolean(q.certificateNumber)];
      if (given.filter(Boolean).length !== 1) {
        throw validationFailed('请提供 leaf、packageId 或 certificateNumber 之一');
      }
      const p = await archive.proof(q);
      return { ...p, treeHead: p.treeHead as unknown as SealedDocument };
    },
  );

  api.get(
    '/archive/consistency',
    {
      schema: {
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProofResponse, ...ERRORS },
      },
    },
    async (req) => {
      const p = await archive.log.consistency(req.query.first, req.query.second);
      return {
        ...p,
        firstTreeHead: p.firstTreeHead as unknown as SealedDocument,
        secondTreeHead: p.secondTreeHead as unknown as SealedDocument,
      };
    },
  );

  const partyOf = async (caseId: string, personId: string) => {
    const c = await deps.cases.get(caseId);
    return Boolean(
      c && (c.parties.some((p) => p.personId === personId) || c.createdBy === personId),
    );
  };

  /**
   * A party reads their case's package with everybody else's personal data masked by the one
   * policy (domain/masking.ts `maskFor`): the other parties' names, ID numbers and phones
   * masked, their marital status left out, and shared records about another person (民政
   * marriage, 公安 identity) withheld; of the signature proofs, the signed documents the viewer
   * is not a party of come as their digests (another party's 询问笔录, a holder's 婚姻状况承诺书)
   * and the others' signatures without certificate (domain/signing/readers.ts). The manifest still lists every item's digest; a masked
   * item no longer matches it, which `masked` says.
   *
   * Uploaded files (an ID card photo, a scanned certificate or contract) cannot be masked field
   * by field, so their bytes go only to the party who uploaded them (`readsUploadOf`); the others
   * see that the file is there (the manifest's title, size and digest; the application item's
   * `uploads`) and `withheld` says why. Why not more: docs/registry-facts.md §8 (令第80号) lets a
   * right holder read the original files of their own unit through the logged records query, and
   * never lets anyone else see them; a co-party of the case is neither for the other party's
   * identity papers (the buyer is not yet the holder while the seller's files are submitted, the
   * seller no longer is once the case is archived), and the files are the uploader's personal
   * data. Staff read the whole package through the staff archive routes, audited.
   */
  const readAs = async (viewer: Viewer, packageId: string) => {
    const personId = viewer.personId;
    const out = await archive.readPackage(
      { actorId: personId, role: 'party', purpose: '查阅本人办件档案' },
      packageId,
      (p) => partyOf(p.caseId, personId),
    );
    const p = out.package;
    const uploaderOf = uploadersIn(out.contents);
    // one pass over every JSON item together, so that the names the application item gives
    // are masked in the notices and renderings as well
    // the signed documents the viewer is not a party of as their digests, and the others'
    // signatures without their certificates (domain/signing/readers.ts), before the names
    const masked = maskFor(
      viewer,
      out.contents.map((it) => ('json' in it ? signatureProofsAsReadBy(it.json, personId) : null)),
    );
    return {
      packageId: p.packageId,
      archiveNumber: p.archiveNumber,
      caseId: p.caseId,
      filedAt: p.filedAt,
      leafIndex: p.leafIndex,
      manifest: p.manifest as unknown as SealedDocument,
      items: out.contents.map((it, i): ArchivePackageResponse['items'][number] => {
        if (!('json' in it)) {
          const digest = p.items.find((x) => x.no === it.no)?.digest ?? '';
          if (!('base64' in it) || readsUploadOf(viewer, uploaderOf.get(digest))) return it;
          return {
            no: it.no,
            mediaType: it.mediaType,
            masked: true as const,
            withheld: '该文件由其他当事人上传，涉及其个人信息，仅上传人本人可查看',
          };
        }
        const json = masked[i];
        return JSON.stringify(json) === JSON.stringify(it.json)
          ? it
          : { ...it, json, masked: true as const };
      }),
    };
  };

  api.get(
    '/archive/packages/:packageId',
    {
      preHandler: requireStepUp,
      schema: {
        params: PackageParams,
        querystring: NoQuery,
        response: { 200: ArchivePackageResponse, ...ERRORS },
      },
    },
    async (req) => readAs(callerOf(req), req.params.packageId),
  );

  api.get(
    '/cases/:caseId/archive',
    {
      preHandler: requireStepUp,
      schema: {
        params: CaseArchiveParams,
        querystring: NoQuery,
        response: { 200: ArchivePackageResponse, ...ERRORS },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const p = (await partyOf(req.params.caseId, caller.personId))
        ? await archive.packageOfCase(req.params.caseId)
        : undefined;
      if (!p) throw notFound('该办件尚未归档');
      return readAs(caller, p.packageId);
    },
  );
}
