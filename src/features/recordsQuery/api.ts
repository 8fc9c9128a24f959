import type { MyUnit, MyUnitsResponse, RecordsQueryBody, RecordsQueryResponse } from '@contract';
import Taro from '@tarojs/taro';
import { getApiClient } from '@/shared/api';
import { getToken } from '@/shared/session';

export async function fetchMyUnits(): Promise<MyUnit[]> {
  return (await getApiClient().get<MyUnitsResponse>('/me/units')).data.items;
}

/** Needs a fresh face check: the API client runs it on STEP_UP_REQUIRED and retries. */
export async function submitQuery(body: RecordsQueryBody): Promise<RecordsQueryResponse> {
  return (await getApiClient().post<RecordsQueryResponse>('/records-queries', body)).data;
}

export async function fetchQueryDocument(queryId: string): Promise<unknown> {
  return (
    await getApiClient().get<unknown>(`/records-queries/${encodeURIComponent(queryId)}/document`)
  ).data;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, on every platform (no btoa in mini-programs). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** H5: saves the sealed result as a JSON file through a blob link. */
export function saveJsonH5(filename: string, value: unknown, doc: Document = document): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileUrl = (queryId: string, digest: string) =>
  `/records-queries/${encodeURIComponent(queryId)}/files/${encodeURIComponent(digest)}`;

/** H5: one original file of an answered query, as bytes (errors still arrive as ApiError). */
export async function fetchOriginalFile(queryId: string, digest: string): Promise<ArrayBuffer> {
  return (
    await getApiClient().get<ArrayBuffer>(fileUrl(queryId, digest), {
      responseType: 'arraybuffer',
      headers: { Accept: '*/*' },
    })
  ).data;
}

/** H5: saves bytes as a file through a blob link. */
export function saveBytesH5(
  filename: string,
  bytes: ArrayBuffer,
  mediaType: string,
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Mini-programs: download with the session and open the file (image preview or document). */
export async function openOriginalFileMini(
  queryId: string,
  digest: string,
  mediaType: string,
): Promise<void> {
  const res = await Taro.downloadFile({
    url: `${API_BASE_URL}${fileUrl(queryId, digest)}`,
    header: { Authorization: `Bearer ${getToken() ?? ''}` },
  });
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}），请重试`);
  if (mediaType.startsWith('image/')) {
    await Taro.previewImage({ urls: [res.tempFilePath] });
  } else {
    await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
  }
}
