/**
 * Shared data on screen: in the apply flow's materials step a shared item shows its source, the
 * retrieval time (Beijing) and the seal check instead of an upload button; an item the source
 * could not give shows the reason and the commitment the catalogue allows, and blocks 下一步 while
 * required; the case page lists every item's origin and a recheck with its 1-working-day deadline.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AxiosAdapter } from 'axios';
import type { MaterialsResponse, SharedDataResponse } from '@contract';
import { MaterialSources, MaterialsChecklist, resetUploadQueues } from '@/features/apply';
import { toBase64 } from '@/features/apply/SharedSources';
import { createApiClient, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn } from '@/shared/session';
import { LOGIN } from './auth-fakes';
import { fakePlatform } from './fakes';

const CASE = 'CASE-5';
const shared = (committed: boolean): SharedDataResponse => ({
  items: [
    {
      code: 'identity',
      name: '申请人身份证明',
      required: true,
      mode: 'shared',
      source: 'publicSecurity',
      sourceName: '台州市公安局',
      retrievedAt: '2026-11-29T02:02:00.000Z',
      sealValid: true,
      recordIds: ['SHR-1'],
      allowed: ['scan'],
    },
    committed
      ? {
          code: 'marriage',
          name: '婚姻状况证明',
          required: true,
          mode: 'committed',
          recordIds: [],
          allowed: ['commitment'],
        }
      : {
          code: 'marriage',
          name: '婚姻状况证明',
          required: true,
          mode: 'fallback',
          source: 'civilAffairs',
          reason: 'timeout',
          message: '民政数据暂不可用（超时），请签署承诺书',
          recordIds: [],
          allowed: ['commitment'],
        },
  ],
  records: [
    {
      recordId: 'SHR-1',
      materialCode: 'identity',
      source: 'publicSecurity',
      sourceName: '台州市公安局',
      kind: 'identity',
      retrievedAt: '2026-11-29T02:02:00.000Z',
      sealValid: true,
      status: 'current',
    },
  ],
  rechecks: [
    {
      recheckId: 'RCK-1',
      recordId: 'SHR-1',
      requestedByKind: 'staff',
      reason: '与登记簿不一致',
      requestedAt: '2026-11-27T02:00:00.000Z',
      dueOn: '2026-11-30',
      dueEstimated: false,
      status: 'pending',
    },
  ],
  objections: [],
});
const materials = (committed: boolean): MaterialsResponse => ({
  items: [
    {
      code: 'identity',
      name: '申请人身份证明',
      required: true,
      source: 'shared',
      allowedSources: ['shared', 'upload'],
      dataSource: '公安',
      status: 'provided',
      files: [],
    },
    {
      code: 'marriage',
      name: '婚姻状况证明',
      required: true,
      source: committed ? 'commitment' : 'shared',
      allowedSources: ['shared', 'commitment'],
      dataSource: '民政',
      status: 'provided',
      files: [],
      ...(committed ? { committedAt: '2026-11-29T02:03:00.000Z' } : {}),
    },
  ],
});

function server() {
  const seen: string[] = [];
  let committed = false;
  const adapter: AxiosAdapter = async (config) => {
    const key = `${config.method?.toUpperCase()} ${config.url}`;
    seen.push(key);
    const reply = (status: number, data: unknown) => ({
      data: JSON.stringify(data),
      status,
      statusText: String(status),
      headers: {},
      config,
    });
    if (key === `GET /cases/${CASE}/materials`) return reply(200, materials(committed));
    if (
      key === `POST /cases/${CASE}/shared-data/resolve` ||
      key === `GET /cases/${CASE}/shared-data`
    )
      return reply(200, shared(committed));
    if (key === `POST /cases/${CASE}/materials/marriage/commitment`) {
      committed = true;
      return reply(200, {});
    }
    const { AxiosError } = await import('axios');
    throw new AxiosError(
      '404',
      'ERR_BAD_RESPONSE',
      config,
      null,
      reply(404, { code: 'NOT_FOUND', message: '不存在' }),
    );
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
  return seen;
}

beforeEach(() => {
  setPlatform(fakePlatform().platform);
  reloadSession();
  signIn(LOGIN);
});
afterEach(() => {
  setApiClient(undefined);
  setPlatform(undefined);
  resetUploadQueues();
});

it('materials step: shared item with source, Beijing time and seal; fallback with reason and commitment', async () => {
  const seen = server();
  const ready = jest.fn();
  render(<MaterialsChecklist caseId={CASE} onReady={ready} />);
  const identity = await waitFor(() => {
    const el = document.querySelector('[data-material="identity"]');
    if (!el) throw new Error('not yet');
    return el as HTMLElement;
  });
  expect(
    within(identity).getByText(/共享获取 · 台州市公安局 · 2026-11-29 10:02 · 印章有效/),
  ).toBeTruthy();
  expect(within(identity).queryByText('拍照上传')).toBeNull();
  const marriage = document.querySelector('[data-material="marriage"]') as HTMLElement;
  expect(within(marriage).getByRole('alert').textContent).toContain(
    '民政数据暂不可用（超时），请签署承诺书',
  );
  // a required item that fell back blocks the next step
  fireEvent.click(screen.getByText('下一步：预览文书'));
  expect(ready).not.toHaveBeenCalled();
  expect(screen.getByText(/还缺：婚姻状况证明/)).toBeTruthy();
  fireEvent.click(within(marriage).getByText('签署承诺书代替（告知承诺制）'));
  await waitFor(() => expect(screen.getByText('✓ 已签署告知承诺，无需上传')).toBeTruthy());
  expect(seen).toContain(`POST /cases/${CASE}/materials/marriage/commitment`);
  fireEvent.click(screen.getByText('下一步：预览文书'));
  expect(ready).toHaveBeenCalled();
});

it('case page: each item’s origin and a recheck with its deadline', async () => {
  server();
  render(<MaterialSources caseId={CASE} />);
  await waitFor(() => expect(screen.getByText('材料来源')).toBeTruthy());
  await waitFor(() =>
    expect(screen.getByText(/共享获取 · 台州市公安局 · 2026-11-29 10:02 · 印章有效/)).toBeTruthy(),
  );
  expect(screen.getByText(/民政数据暂不可用（超时），请签署承诺书/)).toBeTruthy();
  expect(screen.getByText(/校核期限 2026-11-30（1个工作日）/)).toBeTruthy();
  expect(screen.getByText('校核中')).toBeTruthy();
});

it('case page: a party opens an objection to a shared record; it needs a statement and a photo', async () => {
  server();
  render(<MaterialSources caseId={CASE} />);
  fireEvent.click(await screen.findByText('数据有误？提出异议'));
  fireEvent.click(screen.getByText('提交异议'));
  expect(screen.getByText(/请说明异议的内容/)).toBeTruthy();
  expect(screen.getByText('尚未添加证据照片')).toBeTruthy();
});

it('evidence photos are sent as standard base64 (no btoa on mini-programs)', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 255]) {
    const bytes = new Uint8Array(n).map((_, i) => (i * 97 + 13) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  }
});
