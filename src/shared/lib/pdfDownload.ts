/**
 * Downloading a PDF the registry signs (a certificate's printable version, a copy of a case
 * document or notice): H5 saves it through a blob link; mini-programs download it with the
 * session and open it (Taro.openDocument, with the menu to save or share it). The answer names
 * the print minute, to fetch the registry's signature over the same bytes.
 */
import Taro from '@tarojs/taro';
import { getApiClient, readHeader } from '@/shared/api';
import { getToken } from '@/shared/session';

export interface DownloadedPdf {
  /** the print minute, to fetch the signature over the same bytes */
  printedAt: string;
  bytes: number;
}

/** Saves data as a file on H5 (a temporary blob link). */
export function saveH5(filename: string, data: BlobPart, type: string, doc: Document = document) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name without the characters file systems refuse. */
export const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|]/g, '');

/** Downloads the PDF at `path` (under the API base); `onProgress` gets 0–100 when known. */
export async function downloadPdf(
  path: string,
  fileName: string,
  onProgress: (percent: number) => void,
): Promise<DownloadedPdf> {
  if (process.env.TARO_ENV === 'h5') {
    const res = await getApiClient().get<ArrayBuffer>(path, {
      responseType: 'arraybuffer',
      headers: { Accept: 'application/pdf' },
      onDownloadProgress: (e) => {
        if (e.total) onProgress(Math.round((e.loaded / e.total) * 100));
      },
    });
    saveH5(fileName, res.data, 'application/pdf');
    return {
      printedAt: readHeader(res.headers, 'x-printed-at') ?? '',
      bytes: res.data?.byteLength ?? 0,
    };
  }
  const task = Taro.downloadFile({
    url: `${API_BASE_URL}${path}`,
    header: { Authorization: `Bearer ${getToken() ?? ''}` },
  });
  task.onProgressUpdate?.((p) => onProgress(p.progress));
  const res = await task;
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}），请重试`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
  const printedAt = (res as { header?: Record<string, string> }).header?.['x-printed-at'] ?? '';
  return { printedAt, bytes: 0 };
}
