/**
 * 下载 PDF: the printable certificate and the registry's detached signature
 * over its bytes. Loaded only by the certificate detail page (never the 证照 tab's first load).
 * H5 saves through a blob link; mini-programs download with the session and open the file.
 */
import type { DetachedSignature } from '@contract';
import Taro from '@tarojs/taro';
import { getApiClient, readHeader } from '@/shared/api';
import { getToken } from '@/shared/session';

const pdfPath = (id: string) => `/certificates/${encodeURIComponent(id)}/certificate.pdf`;

export interface DownloadedPdf {
  /** the print minute, to fetch the signature over the same bytes */
  printedAt: string;
  bytes: number;
}

function saveH5(filename: string, data: BlobPart, type: string, doc: Document = document) {
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

export const pdfFileName = (number: string) =>
  `不动产权证书-${number.replace(/[\\/:*?"<>|]/g, '')}.pdf`;

/** Downloads the PDF; `onProgress` gets 0–100 when the size is known. */
export async function downloadCertificatePdf(
  id: string,
  fileName: string,
  onProgress: (percent: number) => void,
): Promise<DownloadedPdf> {
  if (process.env.TARO_ENV === 'h5') {
    const res = await getApiClient().get<ArrayBuffer>(pdfPath(id), {
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
    url: `${API_BASE_URL}${pdfPath(id)}`,
    header: { Authorization: `Bearer ${getToken() ?? ''}` },
  });
  task.onProgressUpdate?.((p) => onProgress(p.progress));
  const res = await task;
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}），请重试`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
  const printedAt = (res as { header?: Record<string, string> }).header?.['x-printed-at'] ?? '';
  return { printedAt, bytes: 0 };
}

/** The signature over the same bytes (same print minute), saved or copied as JSON. */
export async function downloadSignature(
  id: string,
  printedAt: string,
  fileName: string,
): Promise<'saved' | 'copied'> {
  const sig = (
    await getApiClient().get<DetachedSignature>(`${pdfPath(id)}.sig`, {
      params: printedAt ? { at: printedAt } : {},
    })
  ).data;
  const text = JSON.stringify(sig, null, 2);
  if (process.env.TARO_ENV === 'h5') {
    saveH5(`${fileName}.sig`, text, 'application/json');
    return 'saved';
  }
  await Taro.setClipboardData({ data: text });
  return 'copied';
}
