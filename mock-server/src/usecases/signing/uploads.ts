/**
 * Uploading a material (a photo or scan): the bytes are checked by their content (JPEG, PNG or
 * PDF, complete, within the size and pixel limits, matching the declared type and SM3 digest),
 * then stored once, content-addressed. Refusals store nothing; the same bytes again answer the
 * same file (also when two uploads of it race on two nodes). A new file changes the bundle, so
 * signatures over the old one are voided.
 */
import { transition, type CaseRecord } from '../../domain/cases';
import { bytesToHex, sm3 } from '../../domain/crypto';
import { sniffFile } from '../../domain/signing';
import type { BlobStore, CaseStore, Clock, SigningStore, StoredFile } from '../../ports';
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
    const sniffed = sniffFile(body);
    if (!sniffed.ok && sniffed.problem === 'unsupported')
      throw err('UPLOAD_TYPE_UNSUPPORTED', '只能上传 JPEG、PNG 照片或 PDF 文件（按文件内容识别）');
    if (!sniffed.ok) throw err('UPLOAD_TRUNCATED', '文件不完整（上传可能中断），请重新上传');
    if (sniffed.type !== type)
      throw err('UPLOAD_TYPE_UNSUPPORTED', `文件内容是 ${sniffed.type}，与声明的类型不一致`);
    if (sniffed.width !== undefined && sniffed.height !== undefined) {
      if (sniffed.width * sniffed.height > uploadMaxPixels || !sniffed.width || !sniffed.height)
        throw err(
          'UPLOAD_TOO_MANY_PIXELS',
          `图片尺寸过大（${sniffed.width}×${sniffed.height}），不能超过 ${Math.round(uploadMaxPixels / 1e6)} 百万像素，请缩小后上传`,
        );
    }
    const digest = bytesToHex(sm3(body));
    if (declaredSm3 !== undefined && declaredSm3.toLowerCase() !== digest)
      throw err('UPLOAD_DIGEST_MISMATCH', '文件在传输中发生了变化（SM3 摘要不一致），请重新上传');
    const existing = await deps.store.fileBySm3(caseId, materialCode, digest);
    if (existing) return { ...fileView(existing), duplicate: true };
    const file: StoredFile = {
      fileId: deps.newId('FILE'),
      caseId,
      materialCode,
      sm3: digest,
      bytes: body.length,
      contentType: sniffed.type,
      ...(sniffed.width !== undefined ? { width: sniffed.width, height: sniffed.height } : {}),
      uploadedBy: caller.personId,
      uploadedAt: deps.clock.now().toISOString(),
    };
    // content-addressed: the bytes are kept before their metadata (kept again, they are one blob)
    await deps.blobs.put(body);
    const stored = await deps.effects.tracked(caseId, async (store) => {
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
    if (stored && stored.fileId !== file.fileId) return { ...fileView(stored), duplicate: true };
    return { ...fileView(file), duplicate: false };
  }
}
