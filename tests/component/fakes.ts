import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { createApiClient, setApiClient } from '@/shared/api';
import type { PlatformAdapter, UiStyle } from '@/shared/platform';
import { LOGIN } from './auth-fakes';

/** An in-memory platform whose connectivity and UI style the test controls. */
export function fakePlatform(
  init: {
    online?: boolean;
    uiStyle?: UiStyle;
    stored?: Record<string, string>;
    nativeNavigation?: boolean;
  } = {},
) {
  const store = new Map(Object.entries(init.stored ?? {}));
  const netListeners = new Set<(online: boolean) => void>();
  const styleListeners = new Set<(s: UiStyle) => void>();
  let online = init.online ?? true;
  let uiStyle: UiStyle = init.uiStyle ?? 'normal';
  const platform: PlatformAdapter = {
    name: 'h5',
    nativeNavigation: init.nativeNavigation ?? false,
    storage: {
      get: (k) => (store.has(k) ? (store.get(k) as string) : null),
      set: (k, v) => void store.set(k, v),
      remove: (k) => void store.delete(k),
    },
    getUiStyle: async () => uiStyle,
    onUiStyleChange: (cb) => {
      styleListeners.add(cb);
      return () => styleListeners.delete(cb);
    },
    toast: jest.fn(),
    isOnline: () => online,
    onNetworkChange: (cb) => {
      netListeners.add(cb);
      return () => netListeners.delete(cb);
    },
  };
  return {
    platform,
    store,
    setOnline(next: boolean) {
      online = next;
      netListeners.forEach((cb) => cb(next));
    },
    setUiStyle(next: UiStyle) {
      uiStyle = next;
      styleListeners.forEach((cb) => cb(next));
    },
  };
}

type Reply = { status: number; data: unknown; headers?: Record<string, string> } | 'network-error';

/** An axios adapter answering from a queue (the last reply repeats), recording every request. */
export function scriptedAdapter(...replies: Reply[]) {
  const calls: InternalAxiosRequestConfig[] = [];
  const queue = [...replies];
  let gate: Promise<void> | null = null;
  const adapter: AxiosAdapter = async (config) => {
    calls.push(config as InternalAxiosRequestConfig);
    if (gate) await gate;
    const reply = queue.length > 1 ? (queue.shift() as Reply) : queue[0];
    const { AxiosError } = await import('axios');
    if (reply === 'network-error') throw new AxiosError('Network Error', 'ERR_NETWORK', config);
    const response: AxiosResponse = {
      data: typeof reply.data === 'string' ? reply.data : JSON.stringify(reply.data),
      status: reply.status,
      statusText: String(reply.status),
      headers: reply.headers ?? {},
      config,
    };
    if (reply.status >= 200 && reply.status < 300) return response;
    throw new AxiosError(`status ${reply.status}`, 'ERR_BAD_RESPONSE', config, null, response);
  };
  return {
    adapter,
    calls,
    /** hold every answer until release() */
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    reply(...next: Reply[]) {
      queue.splice(0, queue.length, ...next);
    },
  };
}

export const CATALOGUE = {
  catalogueVersion: 1,
  items: [
    {
      code: 'transfer.secondHandSale',
      name: '二手房买卖转移登记',
      description: '买卖双方在线申请，税费和登记一次办结',
      kind: 'transfer',
      promisedWorkingDays: 5,
      jointApplication: true,
      version: 1,
      application: { online: true, records: 'transfer' },
    },
    {
      code: 'query.holdings',
      name: '不动产权属查询',
      description: '查询本人名下的不动产登记结果',
      kind: 'query',
      promisedWorkingDays: 0,
      jointApplication: false,
      version: 1,
    },
  ],
};

/** Every request an adapter saw: "METHOD url" and its JSON body. */
export type Seen = { key: string; body: unknown }[];

const FAIL = Symbol('fail');
type Failure = { status: number; code: string; message: string };
/** A reply that is an error body with this status. */
export const fail = (f: Failure) => ({ [FAIL]: f });

/**
 * Signs the app's API client in as LOGIN over an adapter answering by "METHOD url": a table
 * (a value, or a function for answers that change as the test goes) or one function for every
 * request; `fail(…)` answers an error; routes missing from a table answer 404. Records requests.
 */
export function serveRoutes(answers: Record<string, unknown> | ((key: string) => unknown)): Seen {
  const seen: Seen = [];
  const adapter: AxiosAdapter = async (config) => {
    const key = `${config.method?.toUpperCase()} ${config.url}`;
    seen.push({ key, body: config.data ? JSON.parse(config.data as string) : undefined });
    const { AxiosError } = await import('axios');
    let answer: unknown;
    if (typeof answers === 'function') answer = answers(key);
    else if (key in answers)
      answer =
        typeof answers[key] === 'function' ? (answers[key] as () => unknown)() : answers[key];
    else answer = fail({ status: 404, code: 'NOT_FOUND', message: '不存在' });
    const failure = (answer as { [FAIL]?: Failure } | null)?.[FAIL];
    const response = (status: number, data: unknown) => ({
      data: JSON.stringify(data),
      status,
      statusText: String(status),
      headers: {},
      config,
    });
    if (failure) {
      const { status, code, message } = failure;
      throw new AxiosError(
        String(status),
        'ERR_BAD_REQUEST',
        config,
        null,
        response(status, { code, message }),
      );
    }
    return response(200, answer);
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

/**
 * Chooses a date in a DateField (the platform's date picker) the way the picker reports it: a
 * change event with the date as detail.value. `selector` names the field (its class).
 */
export function pickDate(container: HTMLElement, selector: string, value: string): void {
  const picker = container.querySelector(`${selector} taro-picker-core`);
  if (!picker) throw new Error(`no date picker in ${selector}`);
  picker.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
}

/** A signed-in API client whose answers come, in order, from the scripted replies. */
export function serveScripted(...replies: Parameters<typeof scriptedAdapter>) {
  const s = scriptedAdapter(...replies);
  setApiClient(
    createApiClient({
      baseURL: '/api/v1',
      adapter: s.adapter,
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
  return s;
}

/** the same scripted API client for a visitor who is not signed in (the public verify page, records) */
export function serveScriptedAnonymous(...replies: Parameters<typeof scriptedAdapter>) {
  const s = scriptedAdapter(...replies);
  setApiClient(
    createApiClient({ baseURL: '/api/v1', adapter: s.adapter, retry: { maxAttempts: 1 } }),
  );
  return s;
}
