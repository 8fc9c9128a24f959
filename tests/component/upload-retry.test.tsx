/**
 * The upload queue's retry on screen: a photo whose upload fails shows the server's
 * message and 重试; tapping 重试 first asks whether the server already holds the file (same SM3),
 * then sends it again, and the row turns 已上传 and the checklist shows the file. Each photo shows
 * its thumbnail; one not yet on the server can be deleted; the checklist stays on screen when the
 * network drops.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AxiosAdapter } from 'axios';
import type { MaterialsResponse } from '@contract';
import { MaterialsChecklist, resetUploadQueues } from '@/features/apply';
import { enqueuePhoto } from '@/features/apply/uploads';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform } from './fakes';

const CASE = 'CASE-9';
const FILE = {
  fileId: 'FILE-1',
  sm3: '',
  bytes: 4,
  contentType: 'image/jpeg',
  uploadedAt: '2026-11-29T02:00:00.000Z',
};
const materials = (withFile: boolean): MaterialsResponse => ({
  items: [
    {
      code: 'filedContract',
      name: '网签买卖合同',
      required: true,
      source: 'upload',
      allowedSources: ['shared', 'upload'],
      status: withFile ? 'provided' : 'missing',
      files: withFile ? [FILE] : [],
    },
  ],
});

function server(opts: { offlineAfterFirstRead?: boolean; uploadFails?: boolean } = {}) {
  let reads = 0;
  const seen: string[] = [];
  let uploads = 0;
  let stored = false;
  const adapter: AxiosAdapter = async (config) => {
    const key = `${config.method?.toUpperCase()} ${config.url}`;
    seen.push(key);
    const { AxiosError } = await import('axios');
    const reply = (status: number, data: unknown) => {
      const response = {
        data: JSON.stringify(data),
        status,
        statusText: String(status),
        headers: {},
        config,
      };
      if (status < 300) return response;
      throw new AxiosError(`status ${status}`, 'ERR_BAD_RESPONSE', config, null, response);
    };
    if (key === `GET /cases/${CASE}/materials`) {
      reads += 1;
      if (opts.offlineAfterFirstRead && reads > 1)
        throw new AxiosError('Network Error', 'ERR_NETWORK', config);
      return reply(200, materials(stored));
    }
    if (key === `POST /cases/${CASE}/materials/filedContract/files`) {
      uploads += 1;
      if (opts.uploadFails)
        return reply(422, { code: 'UPLOAD_REJECTED', message: '文件格式不受支持' });
      if (uploads === 1)
        return reply(422, {
          code: 'UPLOAD_TRUNCATED',
          message: '文件不完整（上传可能中断），请重新上传',
        });
      stored = true;
      FILE.sm3 = String((config.headers as Record<string, string>)['x-content-sm3']);
      return reply(201, { ...FILE, duplicate: false });
    }
    return reply(404, { code: 'NOT_FOUND', message: '不存在' });
  };
  setApiClient(
    createApiClient({
      baseURL: '/api/v1',
      adapter,
      retry: { maxAttempts: 1 },
      auth: {
        getToken: () => LOGIN.session.token,
        idleExpiresAt: () => null,
        renew: async () => undefined,
        onUnauthenticated: () => undefined,
        stepUp: async () => false,
      },
    }),
  );
  return { seen, uploads: () => uploads };
}

afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
  resetUploadQueues();
});

it('a failed upload shows its error and 重试; retrying succeeds', async () => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  const api = server();
  render(<MaterialsChecklist caseId={CASE} onReady={() => undefined} />);
  expect(await screen.findByText('尚未上传')).toBeInTheDocument();

  act(() => {
    enqueuePhoto(CASE, 'filedContract', {
      name: '合同.jpg',
      contentType: 'image/jpeg',
      data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      originalBytes: 4_000_000,
    } as never);
  });

  const queue = await screen.findByRole('list', { name: '网签买卖合同 上传队列' });
  const row = within(queue).getByRole('listitem');
  await waitFor(() => expect(row).toHaveAttribute('data-status', 'failed'));
  expect(within(row).getByText(/上传失败/)).toBeInTheDocument();
  expect(within(row).getByText('文件不完整（上传可能中断），请重新上传')).toBeInTheDocument();
  expect(within(row).getByRole('img', { name: '合同.jpg 缩略图' })).toBeInTheDocument();
  const retry = within(row).getByRole('button', { name: '重试 合同.jpg' });
  expect(api.uploads()).toBe(1);

  fireEvent.click(retry);
  await waitFor(() =>
    expect(within(queue).getByRole('listitem')).toHaveAttribute('data-status', 'done'),
  );
  // the checklist reloads once the file is in: read the row again
  expect(await screen.findByText(/已上传 1 个文件/)).toBeInTheDocument();
  const done = within(await screen.findByRole('list', { name: '网签买卖合同 上传队列' })).getByRole(
    'listitem',
  );
  expect(done).toHaveAttribute('data-status', 'done');
  expect(within(done).getByText(/已上传/)).toBeInTheDocument();
  expect(within(done).queryByRole('button', { name: /重试/ })).toBeNull();
  // on the server now: it stays with the case
  expect(within(done).queryByRole('button', { name: /删除/ })).toBeNull();
  expect(within(done).queryByText(/文件不完整/)).toBeNull();
  expect(api.uploads()).toBe(2);
  // before sending again it asked whether the server already had the file
  const sends = api.seen.filter((k) => k.startsWith('POST') && k.endsWith('/files'));
  const retryAt = api.seen.lastIndexOf(sends[1]);
  expect(api.seen[retryAt - 1]).toBe(`GET /cases/${CASE}/materials`);
});

const PHOTO = (name: string, byte: number) =>
  ({
    name,
    contentType: 'image/jpeg',
    data: new Uint8Array([0xff, 0xd8, byte, 0xff, 0xd9]),
    originalBytes: 4_000_000,
  }) as never;

it('a photo not yet on the server can be deleted, with its thumbnail', async () => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  const api = server({ uploadFails: true });
  render(<MaterialsChecklist caseId={CASE} onReady={() => undefined} />);
  expect(await screen.findByText('尚未上传')).toBeInTheDocument();
  act(() => {
    enqueuePhoto(CASE, 'filedContract', PHOTO('第1页.jpg', 1));
    enqueuePhoto(CASE, 'filedContract', PHOTO('第2页.jpg', 2));
  });
  const queue = await screen.findByRole('list', { name: '网签买卖合同 上传队列' });
  await waitFor(() =>
    expect(
      within(queue)
        .getAllByRole('listitem')
        .map((r) => r.getAttribute('data-status')),
    ).toEqual(['failed', 'failed']),
  );
  expect(within(queue).getByRole('img', { name: '第1页.jpg 缩略图' })).toBeInTheDocument();
  expect(within(queue).getByRole('img', { name: '第2页.jpg 缩略图' })).toBeInTheDocument();
  fireEvent.click(within(queue).getByRole('button', { name: '删除 第1页.jpg' }));
  await waitFor(() => expect(within(queue).getAllByRole('listitem')).toHaveLength(1));
  expect(within(queue).getByRole('listitem')).toHaveTextContent('第2页.jpg');
  expect(api.uploads()).toBe(2);
});

it('the checklist stays on screen when the network drops during an upload', async () => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  server({ offlineAfterFirstRead: true });
  render(<MaterialsChecklist caseId={CASE} onReady={() => undefined} />);
  expect(await screen.findByText('尚未上传')).toBeInTheDocument();
  // the first send fails (422); from then on every read of the checklist meets a dropped
  // connection: the retry's "already received?" question and the reload after the upload
  act(() => {
    enqueuePhoto(CASE, 'filedContract', PHOTO('合同.jpg', 3));
  });
  const queue = await screen.findByRole('list', { name: '网签买卖合同 上传队列' });
  await waitFor(() =>
    expect(within(queue).getByRole('listitem')).toHaveAttribute('data-status', 'failed'),
  );
  fireEvent.click(within(queue).getByRole('button', { name: '重试 合同.jpg' }));
  await waitFor(() =>
    expect(within(queue).getByRole('listitem')).toHaveAttribute('data-status', 'done'),
  );
  // the reload after the upload fails: the list and the upload row are still there
  expect(await screen.findByText(/下面是上次读取的材料清单/)).toBeInTheDocument();
  expect(screen.getByRole('list', { name: '申请材料清单' })).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: /网签买卖合同/ })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: '重新读取' })).toBeInTheDocument();
});
