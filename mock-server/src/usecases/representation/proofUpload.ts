/**
 * An uploaded proof of an authority (公证委托书, 监护关系证明): inspected like every upload (a
 * photo or a PDF, pixel limit before decoding) and kept content-addressed; answers its SM3.
 */
import { isAppError } from '../../domain/errors';
import type { BlobStore, UploadInspector } from '../../ports';
import { err } from './view';

export interface ProofUploadDeps {
  blobs: Pick<BlobStore, 'put'>;
  inspector: UploadInspector;
  uploadMaxPixels: number;
}

export async function storeProofUpload(
  deps: ProofUploadDeps,
  upload: { dataBase64: string } | undefined,
  /** what to ask for when nothing (or no base64) was sent */
  missing: string,
): Promise<string> {
  if (!upload || !/^[A-Za-z0-9+/]+={0,2}$/.test(upload.dataBase64))
    throw err('VALIDATION_FAILED', missing);
  const bytes = new Uint8Array(Buffer.from(upload.dataBase64, 'base64'));
  const inspected = await deps.inspector
    .inspect(bytes, {
      maxPixels: deps.uploadMaxPixels,
      accept: ['image/jpeg', 'image/png', 'application/pdf'],
    })
    .catch((e: unknown) => {
      throw isAppError(e) ? e : err('VALIDATION_FAILED', '上传的文件无法识别，请重新拍摄或扫描');
    });
  return deps.blobs.put(inspected.bytes);
}
