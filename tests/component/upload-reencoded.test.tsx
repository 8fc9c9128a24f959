/**
 * The registry re-encodes every picture it receives, so the file it keeps has another SM3 than
 * the photo the phone sent; it reports the sent one as `receivedSm3`. When the answer to an
 * upload is lost (the connection drops after the server stored the file), the queue's retry finds
 * the file by that SM3 and does not send the photo again.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { AxiosAdapter } from 'axios';
import type { MaterialsResponse } from '@contract';
import { MaterialsChecklist, resetUploadQueues } from '@/features/apply';
import { enqueuePhoto } from '@/features/apply/uploads';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform } from './fakes';

const CASE = 'CASE-RE';
const STORED_SM3 = 'ab'.repeat(32);

afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
  resetUploadQueues();
});

it('a photo stored re-encoded is recognised by its received SM3 after a lost answer', async () => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
  let sent: string | undefined;
  let uploads = 0;
  const adapter: AxiosAdapter = async (config) => {
    const key = `${config.method?.toUpperCase()} ${config.url}`;
    const { AxiosError } = await import('axios');
    if (key === `GET /cases/${CASE}/materials`) {
      const body: MaterialsResponse = {
        items: [
          {
            code: 'filedContract',
            name: '网签买卖合同',
            required: true,
            source: 'upload',
            allowedSources: ['upload'],
            status: sent ? 'provided' : 'missing',
            files: sent
              ? [
                  {
                    fileId: 'FILE-RE',
                    sm3: STORED_SM3,
                    receivedSm3: sent,
                    bytes: 9,
                    contentType: 'image/jpeg',
                    uploadedAt: '2026-11-29T02:00:00.000Z',
                  },
                ]
              : [],
          },
        ],
      };
      return { data: JSON.stringify(body), status: 200, statusText: '200', headers: {}, config };
    }
    if (key === `POST /cases/${CASE}/materials/filedContract/files`) {
      uploads += 1;
      // stored (re-encoded) on the server, but the answer never reaches the phone
      sent = String((config.headers as Record<string, string>)['x-content-sm3']);
      throw new AxiosError('Network Error', 'ERR_NETWORK', config);
    }
    throw new AxiosError('status 404', 'ERR_BAD_RESPONSE', config);
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
  render(<MaterialsChecklist caseId={CASE} onReady={() => undefined} />);
  expect(await screen.findByText('尚未上传')).toBeInTheDocument();
  act(() => {
    enqueuePhoto(CASE, 'filedContract', {
      name: '合同.jpg',
      contentType: 'image/jpeg',
      data: new Uint8Array([0xff, 0xd8, 0x42, 0xff, 0xd9]),
      originalBytes: 4_000_000,
    } as never);
  });
  const queue = await screen.findByRole('list', { name: '网签买卖合同 上传队列' });
  const row = within(queue).getByRole('listitem');
  // the lost answer is retried: the queue first asks whether the server holds the photo
  await waitFor(() => expect(row).toHaveAttribute('data-status', 'done'), { timeout: 15_000 });
  // found on the server by the SM3 it was sent with: not sent a second time
  expect(uploads).toBe(1);
});
