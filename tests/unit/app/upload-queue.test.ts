import { createUploadQueue, type UploadTask } from '../../../src/shared/lib/uploadQueue';
import { sm3 } from '../../../src/shared/lib/sm3';
import { toHex } from '../../../src/shared/lib/hex';

class NetErr extends Error {
  retryable = true;
}
class Refused extends Error {
  retryable = false;
}

function setup(opts: { maxAttempts?: number } = {}) {
  const server = new Map<string, string>(); // sm3 → fileId
  const sends: string[] = [];
  const delays: number[] = [];
  let plan: Array<'ok' | 'net' | 'lost' | 'refuse'> = [];
  const q = createUploadQueue<Uint8Array>({
    async send(task, data, onProgress) {
      sends.push(task.id);
      const step = plan.shift() ?? 'ok';
      onProgress(0.5);
      if (step === 'net') throw new NetErr('网络连接失败');
      if (step === 'refuse') throw new Refused('不是 JPEG、PNG 或 PDF 文件');
      const digest = toHex(sm3(data));
      const id = server.get(digest) ?? `F${server.size + 1}`;
      server.set(digest, id);
      if (step === 'lost') throw new NetErr('连接中断'); // received, answer lost
      onProgress(1);
      return { fileId: id, sm3: digest };
    },
    async alreadyReceived(task) {
      const id = server.get(task.sm3);
      return id ? { fileId: id } : null;
    },
    isRetryable: (e) => (e as NetErr).retryable === true,
    messageOf: (e) => (e as Error).message,
    maxAttempts: opts.maxAttempts ?? 4,
    delay: (n) => 100 * 2 ** (n - 1),
    sleep: async (ms) => void delays.push(ms),
  });
  const add = (id: string, bytes: number[]) => {
    const data = Uint8Array.from(bytes);
    q.add(
      {
        id,
        materialCode: 'idCard',
        name: `${id}.jpg`,
        contentType: 'image/jpeg',
        bytes: data.length,
        sm3: toHex(sm3(data)),
      },
      data,
    );
  };
  return { q, server, sends, delays, add, setPlan: (p: typeof plan) => (plan = p) };
}

const byId = (tasks: UploadTask[], id: string) => tasks.find((t) => t.id === id)!;

describe('upload queue', () => {
  it('sends one file per request, in order, with progress', async () => {
    const t = setup();
    const seen: number[] = [];
    t.q.subscribe((tasks) => seen.push(byId(tasks, 'a')?.progress ?? -1));
    t.add('a', [1, 2, 3]);
    t.add('b', [4, 5, 6]);
    await t.q.idle();
    expect(t.sends).toEqual(['a', 'b']);
    expect(t.q.tasks().map((x) => [x.id, x.status, x.fileId])).toEqual([
      ['a', 'done', 'F1'],
      ['b', 'done', 'F2'],
    ]);
    expect(seen).toContain(0.5);
  });

  it('retries a network failure with growing backoff, then succeeds', async () => {
    const t = setup();
    t.setPlan(['net', 'net', 'ok']);
    t.add('a', [9]);
    await t.q.idle();
    expect(t.delays).toEqual([100, 200]);
    expect(byId(t.q.tasks(), 'a')).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('does not send again a file the server received when the answer was lost (same SM3)', async () => {
    const t = setup();
    t.setPlan(['lost']);
    t.add('a', [7, 7, 7]);
    await t.q.idle();
    expect(t.sends).toEqual(['a']); // sent once
    expect(byId(t.q.tasks(), 'a')).toMatchObject({
      status: 'done',
      fileId: 'F1',
      deduplicated: true,
    });
  });

  it('gives up after maxAttempts, and 重试 resumes (asking the server first)', async () => {
    const t = setup({ maxAttempts: 2 });
    t.setPlan(['net', 'net']);
    t.add('a', [1]);
    await t.q.idle();
    expect(byId(t.q.tasks(), 'a')).toMatchObject({ status: 'failed', error: '网络连接失败' });
    t.setPlan(['ok']);
    t.q.retry('a');
    await t.q.idle();
    expect(byId(t.q.tasks(), 'a').status).toBe('done');
    expect(t.sends).toHaveLength(3);
  });

  it('does not retry a refusal', async () => {
    const t = setup();
    t.setPlan(['refuse']);
    t.add('a', [1]);
    await t.q.idle();
    expect(t.sends).toHaveLength(1);
    expect(byId(t.q.tasks(), 'a')).toMatchObject({
      status: 'failed',
      error: '不是 JPEG、PNG 或 PDF 文件',
    });
  });

  it('ignores the same photo added twice for the same item', async () => {
    const t = setup();
    t.add('a', [1, 2]);
    t.add('b', [1, 2]);
    await t.q.idle();
    expect(t.q.tasks()).toHaveLength(1);
  });

  it('retryAll (network back) resumes every failed task', async () => {
    const t = setup({ maxAttempts: 1 });
    t.setPlan(['net', 'net']);
    t.add('a', [1]);
    t.add('b', [2]);
    await t.q.idle();
    expect(t.q.tasks().map((x) => x.status)).toEqual(['failed', 'failed']);
    t.q.retryAll();
    await t.q.idle();
    expect(t.q.tasks().map((x) => x.status)).toEqual(['done', 'done']);
  });
});

it('SM3 known answer (the app copy)', () => {
  expect(toHex(sm3(new TextEncoder().encode('abc')))).toBe(
    '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  );
});
