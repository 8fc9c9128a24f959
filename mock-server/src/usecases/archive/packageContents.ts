/** What goes into an archive package: every item of a completed case, in manifest order. */
import { onBehalfText } from '../../domain/representation';
import {
  jsonItem,
  keptRenderingOf,
  keptRenderingOfSealed,
  type ItemContent,
  type SignatureProofsBody,
} from '../../domain/archive';
import type { BundleDoc } from '../../domain/signing';
import type { CaseRecord } from '../../domain/cases';
import { DATA_SOURCE_NAMES } from '../../domain/shared-data';
import type {
  ArchiveStore,
  BlobStore,
  CaseStore,
  CatalogueRepository,
  Sealer,
  StoredFile,
  StoredSignature,
} from '../../ports';
import type { StoredSharedRecord } from '../../ports/sharedDataStore';

export interface PackageContentsDeps {
  catalogue: CatalogueRepository;
  cases: Pick<CaseStore, 'documentsOfCase'>;
  blobs: Pick<BlobStore, 'get'>;
  store: Pick<ArchiveStore, 'unitEventsAt'>;
  sealer: Sealer;
  /** the case's shared records as their sources sealed them (data, seal, time) */
  sharedRecordsOf?(caseId: string): StoredSharedRecord[] | Promise<StoredSharedRecord[]>;
  /** the case's party signatures (voided ones too) and the documents as last signed */
  signaturesOf?(c: CaseRecord): Promise<{ signatures: StoredSignature[]; documents: BundleDoc[] }>;
  /** the files the parties uploaded for the case's materials (metadata; bytes in `blobs`) */
  uploadsOf?(caseId: string): Promise<StoredFile[]>;
}

/**
 * A sealed notice or certificate with its readable rendering beside the sealed body (the seal
 * covers the body only, so it still verifies); `archive:check` re-renders and compares.
 */
function withRendering(sealed: unknown): unknown {
  const body = (sealed as { body?: unknown } | null)?.body;
  const rendering = keptRenderingOfSealed(body);
  return rendering && sealed && typeof sealed === 'object' ? { ...sealed, rendering } : sealed;
}

/** The proof of each signature, as the package keeps it (domain/archive/signatureProofs.ts). */
async function signatureProofs(
  deps: PackageContentsDeps,
  c: CaseRecord,
): Promise<Omit<SignatureProofsBody, 'documentType' | 'caseId'>> {
  const found = (await deps.signaturesOf?.(c)) ?? { signatures: [], documents: [] };
  return {
    // each signed document with the rendering it was shown with (what was signed, as it was shown)
    signedDocuments: found.documents.map((d) => ({
      ...d,
      rendering: keptRenderingOf(d.body, d.renderer),
    })),
    signatures: found.signatures.map((s) => ({
      signatureId: s.signatureId,
      partyId: s.partyId,
      signerName: s.signerName,
      signedAt: s.signedAt,
      current: s.current,
      documents: s.documents,
      bundleDigest: s.bundleDigest,
      handwritingDigest: s.handwritingDigest,
      signedDigest: s.signedDigest,
      signature: s.signature,
      ...(s.certificate ? { certificate: s.certificate } : {}),
      ...(s.faceCheck ? { faceCheck: s.faceCheck } : {}),
      caKeyId: s.caCertificateId,
      // an agent's or guardian's signature: under which authority, for whom
      ...(s.onBehalfOf
        ? {
            onBehalfOf: {
              ...s.onBehalfOf,
              statement: onBehalfText(s.onBehalfOf.kind, s.signerName, s.onBehalfOf.principalName),
            },
          }
        : {}),
    })),
  };
}

/**
 * The items of a case's package: application, shared data, uploaded files, 询问笔录, signatures,
 * review decisions, notices, the 登簿 register events and the certificates.
 */
export async function collectPackageContents(
  deps: PackageContentsDeps,
  c: CaseRecord,
): Promise<ItemContent[]> {
  const bt = (await deps.catalogue.current())?.businessTypes.find(
    (b) => b.code === c.businessTypeCode,
  );
  const docs = await deps.cases.documentsOfCase(c.caseId);
  const uploads = (await deps.uploadsOf?.(c.caseId)) ?? [];
  const items: ItemContent[] = [
    jsonItem('application', `申请信息（${bt?.name ?? c.businessTypeCode}）`, {
      caseId: c.caseId,
      caseNumber: c.caseNumber ?? null,
      businessTypeCode: c.businessTypeCode,
      businessTypeVersion: c.businessTypeVersion,
      unitCode: c.unitCode,
      parties: c.parties.map((p) => ({
        personId: p.personId,
        name: p.name,
        role: p.role,
        ...(p.shareBasisPoints !== undefined ? { shareBasisPoints: p.shareBasisPoints } : {}),
      })),
      newCoOwnership: c.newCoOwnership ?? null,
      priceYuan: c.priceYuan ?? null,
      materials: c.materials,
      // what each uploaded file is and who supplied it: the archive keeps what applicants
      // submitted (工作细则 四(三)), and a party's read of the package gives a file's bytes only
      // to the party who uploaded it (domain/masking.ts `readsUploadOf`)
      ...(uploads.length
        ? {
            uploads: uploads.map((f) => ({
              fileId: f.fileId,
              materialCode: f.materialCode,
              contentType: f.contentType,
              sm3: f.sm3,
              size: f.bytes,
              uploadedBy: f.uploadedBy,
              uploadedAt: f.uploadedAt,
            })),
          }
        : {}),
      createdAt: c.createdAt,
      submittedAt: c.submittedAt ?? null,
    }),
  ];
  // shared data (条例§24): every record exactly as its source sealed it — data,
  // query, retrieval time and the source's SM2 seal — with whether the seal checked out and
  // what a recheck made of it
  const nameOf = (code: string | null) =>
    code ? (bt?.materials.find((x) => x.code === code)?.name ?? code) : '审核查询';
  for (const r of (await deps.sharedRecordsOf?.(c.caseId)) ?? []) {
    items.push(
      jsonItem(
        'sharedData',
        `共享数据：${nameOf(r.materialCode)}（${DATA_SOURCE_NAMES[r.record.source]}）`,
        // sealed by the registry on filing, like every item; the source's seal is inside
        deps.sealer.seal({
          documentType: 'sharedDataRecord',
          recordId: r.recordId,
          caseId: c.caseId,
          materialCode: r.materialCode,
          status: r.status,
          sealValid: r.sealValid,
          ...(r.replacesRecordId ? { replacesRecordId: r.replacesRecordId } : {}),
          record: r.record,
        }),
      ),
    );
  }
  // items shared without an outside record (the register's own data): sealed on receipt
  for (const m of c.materials.filter(
    (x) => x.source === 'sharedData' && x.status === 'provided' && !x.ref?.startsWith('shared:'),
  )) {
    const source = (m.ref ?? '').split(':')[0] || '共享';
    items.push(
      jsonItem(
        'sharedData',
        `共享数据：${bt?.materials.find((x) => x.code === m.code)?.name ?? m.code}（${source}）`,
        deps.sealer.seal({
          documentType: 'sharedDataRecord',
          materialCode: m.code,
          source,
          ref: m.ref ?? '',
          caseId: c.caseId,
          receivedAt: c.submittedAt ?? c.updatedAt,
        }),
      ),
    );
  }
  for (const m of c.materials) {
    const digest = /^blob:([0-9a-f]{64})$/.exec(m.ref ?? '')?.[1];
    const bytes = digest ? await deps.blobs.get(digest) : undefined;
    if (bytes) {
      const media =
        bytes[0] === 0xff ? 'image/jpeg' : bytes[0] === 0x89 ? 'image/png' : 'application/pdf';
      items.push({ kind: 'uploadedFile', title: `上传材料：${m.code}`, mediaType: media, bytes });
    }
  }
  // the parties' uploads (a photo of an ID card, a scanned certificate), as stored: re-encoded
  // pictures and checked PDFs, named by their SM3 in the application item's `uploads`
  for (const f of uploads) {
    const media = f.contentType;
    // uploads take only these three (usecases/signing/uploads.ts)
    if (media !== 'image/jpeg' && media !== 'image/png' && media !== 'application/pdf') continue;
    const bytes = await deps.blobs.get(f.sm3);
    if (!bytes) continue;
    const name = bt?.materials.find((x) => x.code === f.materialCode)?.name ?? f.materialCode;
    items.push({
      kind: 'uploadedFile',
      title: `上传材料：${name}`,
      mediaType: media,
      bytes,
    });
  }
  items.push(
    jsonItem('inquiryRecord', '询问笔录', {
      caseId: c.caseId,
      answers: c.answers,
      answeredBy: c.createdBy,
      at: c.submittedAt ?? c.updatedAt,
    }),
    // every party signature with what verifies it from the package alone
    jsonItem('signatures', '电子签名记录', {
      documentType: 'signatureProofs',
      caseId: c.caseId,
      ...(await signatureProofs(deps, c)),
      signers: c.parties
        .filter((p) => p.signedAt)
        .map((p) => ({ personId: p.personId, name: p.name, role: p.role, signedAt: p.signedAt })),
      steps: c.timeline.filter((t) => t.step === '签名' || t.step === '提交'),
    }),
    jsonItem('reviewDecisions', '审核决定与规则结果', {
      caseId: c.caseId,
      outcome: c.status,
      decisionReasons: c.decisionReasons ?? [],
      correction: c.correction ?? null,
      manualQueue: c.manualQueue ?? null,
      timeline: c.timeline,
    }),
  );
  for (const d of docs.filter(
    (x) => x.kind !== 'titleCertificate' && x.kind !== 'registrationProof',
  )) {
    items.push(jsonItem('notice', `${d.number}`, withRendering(d.document)));
  }
  if (c.recording) {
    const events = await deps.store.unitEventsAt(c.unitCode, c.recording.recordedAt);
    items.push(
      jsonItem(
        'registerEvents',
        '登簿记录',
        events.map((e) => ({ seq: e.seq, eventId: e.eventId, event: JSON.parse(e.payloadJson) })),
      ),
    );
  }
  for (const d of docs.filter(
    (x) => x.kind === 'titleCertificate' || x.kind === 'registrationProof',
  )) {
    items.push(jsonItem('certificate', `不动产权证书 ${d.number}`, withRendering(d.document)));
  }
  return items;
}
