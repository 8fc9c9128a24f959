/**
 * 下载 PDF: the printable certificate and the registry's detached signature
 * over its bytes. Loaded only by the certificate detail page (never the 证照 tab's first load).
 * H5 saves through a blob link; mini-programs download with the session and open the file.
 */
import type { DetachedSignature } from '@contract';
import Taro from '@tarojs/taro';
import { getApiClient } from '@/shared/api';
import { downloadPdf, saveH5, safeFileName, type DownloadedPdf } from '@/shared/lib/pdfDownload';

export type { DownloadedPdf };

const pdfPath = (id: string) => `/certificates/${encodeURIComponent(id)}/certificate.pdf`;

export const pdfFileName = (number: string) => `不动产权证书-${safeFileName(number)}.pdf`;

/** Downloads the PDF; `onProgress` gets 0–100 when the size is known. */
export const downloadCertificatePdf = (
  id: string,
  fileName: string,
  onProgress: (percent: number) => void,
): Promise<DownloadedPdf> => downloadPdf(pdfPath(id), fileName, onProgress);

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
