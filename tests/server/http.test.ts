import fs from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import {
  ERROR_CODES,
  type CatalogueResponse,
  type ErrorBody,
} from '../../mock-server/src/contract';
import { ERROR_RESPONSES } from '../../mock-server/src/http/server';
import { LATEST_SCHEMA_VERSION } from '../../mock-server/src/adapters/sqlite/migrations';
import { startHarness, type Harness } from './support/registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectErrorBody(body: ErrorBody, code: string, requestId?: string) {
  expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
  expect(body.code).toBe(code);
  expect(ERROR_CODES).toContain(body.code);
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (requestId) expect(body.requestId).toBe(requestId);
  else expect(body.requestId).toMatch(UUID);
}

describe('HTTP API against a real SQLite file', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // test-only routes to drive the error paths no production route reaches yet
    h.app.post(
      '/api/v1/__test/echo',
      {
        schema: {
          body: Type.Object(
            { note: Type.String({ maxLength: 10 }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ note: Type.String() }), ...ERROR_RESPONSES },
        },
      },
      async (req) => req.body as { note: string },
    );
    h.app.get(
      '/api/v1/__test/boom',
      { schema: { response: { 200: Type.Object({}), ...ERROR_RESPONSES } } },
      async () => {
        throw new Error('secret internal detail at /srv/db.sqlite');
      },
    );
  });
  afterAll(() => h.close());

  it('GET /healthz checks the database', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: 'ok',
      version: '0.1.0',
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /api/v1/catalogue returns every business type with descriptions and promised days', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/catalogue' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as CatalogueResponse;
    expect(body.catalogueVersion).toBe(2);
    expect(body.items.map((i) => i.name)).toEqual([
      '二手房买卖转移登记',
      '新建商品房转移登记（预告转本）',
      '抵押权首次登记',
      '抵押权注销登记',
      '变更登记（权利人姓名或身份证号变更）',
      '不动产权属查询证明',
      '继承转移登记',
      '赠与转移登记',
      '夫妻加名、更名转移登记',
      '离婚析产转移登记',
      '二手房买卖转移及抵押权首次登记（转移+抵押）',
      '带押过户（抵押注销、转移及抵押权首次登记）',
      '预告登记（预购商品房）',
      '预购商品房抵押预告登记',
      '更正登记',
      '异议登记',
      '遗失补证',
      '换证',
    ]);
    for (const item of body.items) {
      // each type's 询问笔录 questions, where it has any (the counter asks them as given)
      if ('questions' in item) expect(Array.isArray(item.questions)).toBe(true);
      expect(
        Object.keys(item)
          .filter((k) => k !== 'questions')
          .sort(),
      ).toEqual(
        [
          'application',
          'code',
          'description',
          'jointApplication',
          'kind',
          'name',
          'promisedWorkingDays',
          'version',
        ].sort(),
      );
      expect(item.description).toMatch(/[\u4e00-\u9fa5]{6,}/);
      expect(item.promisedWorkingDays).toBeGreaterThanOrEqual(0);
      expect(item.promisedWorkingDays).toBeLessThanOrEqual(30);
    }
    expect(body.items.find((i) => i.code === 'transfer.secondHandSale')).toMatchObject({
      jointApplication: true,
      kind: 'transfer',
    });
  });

  it('filters the catalogue by kind', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/catalogue?kind=transfer' });
    expect((res.json() as CatalogueResponse).items.map((i) => i.code)).toEqual([
      'transfer.secondHandSale',
      'transfer.newHomeFromAdvanceNotice',
      'transfer.inheritance',
      'transfer.gift',
      'transfer.spouseNameChange',
      'transfer.divorceDivision',
      'transfer.saleWithMortgage',
      'transfer.mortgagedSale',
    ]);
  });

  it('answers a bad query with 400 VALIDATION_FAILED in the uniform body', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/catalogue?kind=bogus' });
    expect(res.statusCode).toBe(400);
    expectErrorBody(res.json(), 'VALIDATION_FAILED');
    expect(res.json().message).toContain('kind');
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses unknown query parameters instead of silently dropping them', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/catalogue?kidn=transfer' });
    expect(res.statusCode).toBe(400);
    expectErrorBody(res.json(), 'VALIDATION_FAILED');
    expect(res.json().message).toContain('kidn');
  });

  it('answers an unknown API route with 404 NOT_FOUND and a request id', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/catalogue'],
      ['DELETE', '/api/v2/anything'],
    ] as const) {
      const res = await h.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expectErrorBody(res.json(), 'NOT_FOUND');
      expect(res.headers['x-request-id']).toBe(res.json().requestId);
    }
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const good = await h.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { 'x-request-id': 'app-1234abcd' },
    });
    expect(good.headers['x-request-id']).toBe('app-1234abcd');
    expectErrorBody(good.json(), 'NOT_FOUND', 'app-1234abcd');

    const ok = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'app-1234abcd' },
    });
    expect(ok.headers['x-request-id']).toBe('app-1234abcd');

    for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), '<script>alert(1)</script>']) {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/nope',
        headers: { 'x-request-id': bad },
      });
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('validates request bodies', async () => {
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      payload: { note: 'hi' },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      payload: { note: 'x'.repeat(11) },
    });
    expect(bad.statusCode).toBe(400);
    expectErrorBody(bad.json(), 'VALIDATION_FAILED');
    const extra = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      payload: { note: 'a', x: 1 },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toContain('x');
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"note": ',
    });
    expect(res.statusCode).toBe(400);
    expectErrorBody(res.json(), 'BAD_REQUEST');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ note: 'x'.repeat(h.config.bodyLimitBytes) }),
    });
    expect(res.statusCode).toBe(413);
    expectErrorBody(res.json(), 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/__test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<note>hi</note>',
    });
    expect(res.statusCode).toBe(415);
    expectErrorBody(res.json(), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unexpected failure with 500 and a generic Chinese message, leaking nothing', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/__test/boom' });
    expect(res.statusCode).toBe(500);
    expectErrorBody(res.json(), 'INTERNAL_ERROR');
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('/srv');
    expect(res.body).not.toMatch(/\bat\s/);
  });

  it('sets security headers on every answer', async () => {
    for (const url of ['/healthz', '/api/v1/catalogue', '/api/v1/nope', '/']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const api = await h.app.inject({ method: 'GET', url: '/api/v1/catalogue' });
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers / with a Chinese page telling how to build the app when STATIC_DIR is missing', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build:h5');
    expect(res.body).toContain('尚未找到前端页面');
  });

  it('answers 503 DATABASE_UNAVAILABLE from /healthz when the database is gone', async () => {
    const other = await startHarness();
    try {
      await other.registry.close();
      const res = await other.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expectErrorBody(res.json(), 'DATABASE_UNAVAILABLE');
    } finally {
      await other.close();
    }
  });
});

describe('static H5 app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, (dir) => {
      const staticDir = path.join(dir, 'h5');
      fs.mkdirSync(path.join(staticDir, 'js'), { recursive: true });
      fs.writeFileSync(
        path.join(staticDir, 'index.html'),
        '<!doctype html><title>掌上不动产</title><div id="app"></div>',
      );
      fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log("app")');
      return { STATIC_DIR: staticDir };
    });
  });
  afterAll(() => h.close());

  it('serves index.html at /', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="app"></div>');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their type', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/js/app.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
  });

  it('keeps the API working and unknown paths answer the uniform 404', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/catalogue' })).statusCode).toBe(200);
    for (const url of ['/api/v1/nope', '/missing.js', '/../../etc/passwd']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expectErrorBody(res.json(), 'NOT_FOUND');
    }
  });
});
