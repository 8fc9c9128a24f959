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
        ?.files.find((x) => x.sm3 === task.sm3);
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

let seq = 0;
export function enqueuePhoto(
  caseId: string,
  materialCode: string,
  img: PreparedImage,
): UploadTask['id'] {
  const id = `u${Date.now().toString(36)}${(seq++).toString(36)}`;
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
}
