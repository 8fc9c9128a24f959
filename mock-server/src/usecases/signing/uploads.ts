/**
 * Uploading a material (a photo or scan): the bytes are checked by their content (JPEG, PNG or
 * PDF, within the size and pixel limits, matching the declared type and SM3 digest) and read in
 * full by the upload inspector: a picture is decoded and re-encoded (what is stored is the
 * re-encoded picture), a PDF is parsed and refused when it carries more than pages. The result is
 * stored once, content-addressed. Refusals store nothing; the same bytes again answer the
 * same file (also when two uploads of it race on two nodes). A new file changes the bundle, so
 * signatures over the old one are voided.
 */
import { transition, type CaseRecord } from '../../domain/cases';
import { bytesToHex, sm3 } from '../../domain/crypto';
import type {
  BlobStore,
  CaseStore,
  Clock,
  SigningStore,
  StoredFile,
  UploadInspector,
} from '../../ports';
import type { CaseEffects } from '../cases/effectsRunner';
import type { PartyCaller } from '../cases/types';
import { err, openCase, type CaseReads } from './caseAccess';
import { fileView, materialToSupply } from './materials';

export interface UploadsDeps {
  cases: CaseReads;
  caseStore: Pick<CaseStore, 'get'>;
  store: Pick<SigningStore, 'fileBySm3' | 'saveFile'>;
  blobs: Pick<BlobStore, 'put'>;
  /** the cases' effects runner: the file's checklist item stored within the change tracking */
  effects: Pick<CaseEffects, 'tracked'>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** reads the whole file: decodes and re-encodes pictures, parses PDFs */
  inspector: UploadInspector;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
}

export class Uploads {
  constructor(private readonly deps: UploadsDeps) {}

  async upload(
    caller: PartyCaller,
    caseId: string,
    materialCode: string,
    contentType: string | undefined,
    body: Uint8Array,
    declaredSm3?: string,
  ) {
    const { deps } = this;
    const { c, bt } = await openCase(deps.cases, caller, caseId);
    materialToSupply(c, bt, materialCode, 'scan');
    const { uploadMaxBytes, uploadMaxPixels } = deps;
    if (body.length > uploadMaxBytes)
      throw err(
        'UPLOAD_TOO_LARGE',
        `文件过大（${body.length} 字节），单个文件不能超过 ${Math.floor(uploadMaxBytes / 1024 / 1024) || uploadMaxBytes / 1024} ${uploadMaxBytes >= 1048576 ? 'MB' : 'KB'}，请压缩后重新上传`,
      );
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const received = bytesToHex(sm3(body));
    if (declaredSm3 !== undefined && declaredSm3.toLowerCase() !== received)
      throw err('UPLOAD_DIGEST_MISMATCH', '文件在传输中发生了变化（SM3 摘要不一致），请重新上传');
    // read in full: a picture decoded and re-encoded, a PDF parsed; refusals store nothing
    const inspected = await deps.inspector.inspect(body, { maxPixels: uploadMaxPixels });
    if (inspected.type !== type)
      throw err('UPLOAD_TYPE_UNSUPPORTED', `文件内容是 ${inspected.type}，与声明的类型不一致`);
    const stored = inspected.bytes;
    const digest = bytesToHex(sm3(stored));
    const existing = await deps.store.fileBySm3(caseId, materialCode, digest);
    if (existing) return { ...fileView(existing), duplicate: true };
    const file: StoredFile = {
      fileId: deps.newId('FILE'),
      caseId,
      materialCode,
      sm3: digest,
      ...(digest !== received ? { receivedSm3: received } : {}),
      bytes: stored.length,
      contentType: inspected.type,
      ...(inspected.width !== undefined
        ? { width: inspected.width, height: inspected.height }
        : {}),
      uploadedBy: caller.personId,
      uploadedAt: deps.clock.now().toISOString(),
    };
    // content-addressed: the bytes are kept before their metadata (kept again, they are one blob)
    await deps.blobs.put(stored);
    const saved = await deps.effects.tracked(caseId, async (store) => {
      // the same bytes stored meanwhile (a double tap, another node) are that upload's file
      if (!(await deps.store.saveFile(file)))
        return deps.store.fileBySm3(caseId, materialCode, digest);
      // the workflow's uploadMaterial on the case as it is now: the checklist item refers to
      // the file, the signatures over the old bundle are voided
      const now = (await deps.caseStore.get(caseId)) as CaseRecord;
      const r = transition(
        now,
        { type: 'uploadMaterial', materialCode, fileId: file.fileId },
        {
          businessType: bt,
          actor: { kind: 'party', personId: caller.personId },
          at: file.uploadedAt,
          partyName: caller.name,
        },
      );
      await store(now, r, { businessType: bt, at: file.uploadedAt });
      return file;
    });
    if (saved && saved.fileId !== file.fileId) return { ...fileView(saved), duplicate: true };
    return { ...fileView(file), duplicate: false };
  }
}
