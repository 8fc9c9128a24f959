/**
 * A surveying firm uploads a drawing (宗地图, 房产分户图) as PDF or picture, checked like any
 * upload: within the size and pixel limits, its content the declared type, read in full by the
 * upload inspector (a picture decoded and re-encoded, a PDF parsed and refused when it carries
 * more than pages). The checked bytes go to the blob store (content-addressed); the firm's row
 * names them by SM3, which a result then cites. Refusals store nothing; the same bytes again
 * answer the same drawing.
 */
import { bytesToHex, sm3 } from '../../domain/crypto';
import { AppError } from '../../domain/errors';
import type { BlobStore, Clock, UploadInspector } from '../../ports';
import type { SurveyStore } from '../../ports/survey';
import type { FirmSession } from './firmSessions';

export interface SurveyDrawingsDeps {
  store: Pick<SurveyStore, 'saveDrawing' | 'drawing'>;
  blobs: Pick<BlobStore, 'put'>;
  inspector: UploadInspector;
  clock: Clock;
  uploadMaxBytes: number;
  uploadMaxPixels: number;
}

export class SurveyDrawings {
  constructor(private readonly deps: SurveyDrawingsDeps) {}

  async upload(session: FirmSession, contentType: string | undefined, body: Uint8Array) {
    const { deps } = this;
    if (body.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空');
    if (body.length > deps.uploadMaxBytes)
      throw new AppError(
        'UPLOAD_TOO_LARGE',
        `文件过大（${body.length} 字节），单个图件不能超过 ${Math.floor(deps.uploadMaxBytes / 1024 / 1024)} MB`,
      );
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const inspected = await deps.inspector.inspect(body, { maxPixels: deps.uploadMaxPixels });
    if (inspected.type !== type)
      throw new AppError(
        'UPLOAD_TYPE_UNSUPPORTED',
        `文件内容是 ${inspected.type}，与声明的类型不一致`,
      );
    const digest = bytesToHex(sm3(inspected.bytes));
    await deps.blobs.put(inspected.bytes);
    await deps.store.saveDrawing({
      firmId: session.firm.firmId,
      digest,
      mediaType: inspected.type,
      bytes: inspected.bytes.length,
      uploadedBy: session.user.userId,
      uploadedAt: deps.clock.now().toISOString(),
    });
    return { digest, mediaType: inspected.type, bytes: inspected.bytes.length };
  }
}
