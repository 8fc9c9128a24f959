/**
 * The material upload queue of one case: photos are compressed on the device, their SM3 taken,
 * and sent one per request; a dropped connection is retried with backoff, and a file the server
 * already holds (same SM3 in GET /materials) is not sent again.
 */
import { useEffect, useState } from 'react';
import { toApiError } from '@/shared/api';
import { getPlatform } from '@/shared/platform';
import { toHex } from '@/shared/lib/hex';
import { sm3 } from '@/shared/lib/sm3';
import { createUploadQueue, type UploadQueue, type UploadTask } from '@/shared/lib/uploadQueue';
import type { PreparedImage } from '@/shared/platform/media';
import { fetchMaterials, uploadMaterialFile } from './api';

const RETRYABLE = new Set([
  'NETWORK_ERROR',
  'TIMEOUT',
  'OFFLINE',
  'SERVER_ERROR',
  'RATE_LIMITED',
  'UNKNOWN',
]);

export function isRetryableUpload(e: unknown): boolean {
  const err = toApiError(e);
  return RETRYABLE.has(err.code) || (err.status !== undefined && err.status >= 500);
}

const queues = new Map<string, UploadQueue<PreparedImage>>();

export function uploadQueueFor(caseId: string): UploadQueue<PreparedImage> {
  let q = queues.get(caseId);
  if (q) return q;
  q = createUploadQueue<PreparedImage>({
    send: (task, img, onProgress) =>
      uploadMaterialFile(
        caseId,
        task.materialCode,
        img.data,
        img.contentType,
        task.sm3,
        onProgress,
      ),
    async alreadyReceived(task) {
      const m = await fetchMaterials(caseId);
      const f = m.items
        .find((i) => i.code === task.materialCode)
        // the registry re-encodes pictures: its file carries the SM3 of what was sent beside its own
        ?.files.find((x) => x.sm3 === task.sm3 || x.receivedSm3 === task.sm3);
      return f ? { fileId: f.fileId, sm3: f.sm3 } : null;
    },
    isRetryable: isRetryableUpload,
    messageOf: (e) => toApiError(e).message,
  });
  const queue = q;
  try {
    getPlatform().onNetworkChange((online) => {
      if (online) queue.retryAll();
    });
  } catch {
    /* no platform (tests) */
  }
  queues.set(caseId, q);
  return q;
}

/**
 * Thumbnails of this session's photos, by task id: an object URL on H5, else a data URL (the
 * mini-programs' Image takes base64). Made once when the photo is queued, dropped with the task.
 */
const thumbnails = new Map<string, string>();

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

function makeThumbnail(img: PreparedImage): string | undefined {
  if (!img.contentType.startsWith('image/')) return undefined;
  if (
    typeof URL !== 'undefined' &&
    typeof URL.createObjectURL === 'function' &&
    typeof Blob !== 'undefined'
  ) {
    return URL.createObjectURL(new Blob([img.data as BlobPart], { type: img.contentType }));
  }
  return `data:${img.contentType};base64,${base64(img.data)}`;
}

/** The photo's thumbnail while its task is in the list (none for a PDF). */
export function thumbnailOf(taskId: string): string | undefined {
  return thumbnails.get(taskId);
}

/** Takes a photo out of the queue (not yet on the server: queued, waiting or failed). */
export function removeUpload(caseId: string, taskId: string): void {
  uploadQueueFor(caseId).remove(taskId);
  const url = thumbnails.get(taskId);
  thumbnails.delete(taskId);
  if (url?.startsWith('blob:') && typeof URL.revokeObjectURL === 'function')
    URL.revokeObjectURL(url);
}

let seq = 0;
export function enqueuePhoto(
  caseId: string,
  materialCode: string,
  img: PreparedImage,
): UploadTask['id'] {
  const id = `u${Date.now().toString(36)}${(seq++).toString(36)}`;
  const thumbnail = makeThumbnail(img);
  if (thumbnail) thumbnails.set(id, thumbnail);
  uploadQueueFor(caseId).add(
    {
      id,
      materialCode,
      name: img.name,
      contentType: img.contentType,
      bytes: img.data.length,
      sm3: toHex(sm3(img.data)),
    },
    img,
  );
  return id;
}

export function useUploadTasks(caseId: string | undefined): UploadTask[] {
  const [tasks, setTasks] = useState<UploadTask[]>(() =>
    caseId ? uploadQueueFor(caseId).tasks() : [],
  );
  useEffect(() => {
    if (!caseId) return;
    const q = uploadQueueFor(caseId);
    setTasks(q.tasks());
    return q.subscribe(setTasks);
  }, [caseId]);
  return tasks;
}

/** tests */
export function resetUploadQueues(): void {
  queues.clear();
  thumbnails.clear();
}
