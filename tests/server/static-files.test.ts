/**
 * The H5 app as the server sends it: the precompressed copy the browser accepts (brotli, then
 * gzip, else the plain file) with Content-Encoding and Vary, hashed files cached for a year,
 * index.html revalidated. A tiny fake build in a temp folder, compressed as the build step does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { acceptedEncoding } from '../../mock-server/src/http/compressed';
import { buildServer, type RegistryServer } from '../../mock-server/src/http/server';
import { IMMUTABLE, REVALIDATE } from '../../mock-server/src/http/staticFiles';
import { verifyPages } from '../../mock-server/src/http/routes/verifyPage';
import { createLogger } from '../../mock-server/src/logger';
import type { CatalogueRepository, HealthProbe } from '../../mock-server/src/ports';

const ROOT = path.resolve(__dirname, '../..');
const APP_JS = `console.log(${JSON.stringify('掌上不动产 '.repeat(200))});\n`;
const HTML = `<!doctype html><title>掌上不动产</title><div id="app"></div>${'<p>首页</p>'.repeat(50)}`;

describe('precompressed, cacheable H5 files', () => {
  let dir: string;
  let app: RegistryServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-files-'));
    fs.mkdirSync(path.join(dir, 'js'));
    fs.mkdirSync(path.join(dir, 'css'));
    fs.writeFileSync(path.join(dir, 'index.html'), HTML);
    fs.writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js'), APP_JS);
    fs.writeFileSync(path.join(dir, 'css', 'app.5e6f7a8b.css'), '.home{color:#333}'.repeat(40));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    // the build's own compression step (npm run build:h5), on the fake build
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/compress-h5.mjs')], {
      env: { ...process.env, H5_DIST: dir },
      stdio: 'pipe',
    });
    app = buildServer({
      logger: createLogger('silent'),
      catalogue: {} as CatalogueRepository,
      probe: {} as HealthProbe,
      version: 'test',
      staticDir: dir,
      bodyLimitBytes: 1024,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('the build step writes a .br and a .gz beside each text file, smaller than it', () => {
    for (const file of ['index.html', 'js/app.1a2b3c4d.js', 'css/app.5e6f7a8b.css']) {
      const size = fs.statSync(path.join(dir, file)).size;
      expect(fs.statSync(path.join(dir, `${file}.br`)).size).toBeLessThan(size);
      expect(fs.statSync(path.join(dir, `${file}.gz`)).size).toBeLessThan(size);
    }
    // '{}' does not get smaller: no copy, the plain file is sent
    expect(fs.existsSync(path.join(dir, 'manifest.json.br'))).toBe(false);
  });

  it('answers .js with brotli when the browser accepts it', async () => {
    const res = await get('/js/app.1a2b3c4d.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(APP_JS);
  });

  it('answers .js with gzip when only gzip is accepted', async () => {
    const res = await get('/js/app.1a2b3c4d.js', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(APP_JS);
  });

  it('answers .js as it is when no encoding is accepted', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/js/app.1a2b3c4d.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body).toBe(APP_JS);
    }
  });

  it('lets the browser keep hashed files a year, in any encoding', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      for (const url of ['/js/app.1a2b3c4d.js', '/css/app.5e6f7a8b.css']) {
        const res = await get(url, accept);
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe(IMMUTABLE);
      }
    }
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html at / and by name, compressed too', async () => {
    for (const [url, accept, encoding] of [
      ['/', 'br', 'br'],
      ['/', 'gzip', 'gzip'],
      ['/', 'identity', undefined],
      ['/index.html', 'gzip, br', 'br'],
    ] as const) {
      const res = await get(url, accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe(REVALIDATE);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    // revalidation: the same file again answers 304 without a body
    const first = await get('/', 'br');
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('files without a hash are revalidated; the API stays uncached', async () => {
    const res = await get('/manifest.json', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(REVALIDATE);
    const missing = await get('/js/nope.1a2b3c4d.js', 'br');
    expect(missing.statusCode).toBe(404);
  });
});

describe('the /verify pages, compressed in memory', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(verifyPages);
    await app.ready();
  });
  afterAll(() => app.close());

  it('reads Accept-Encoding: brotli first, then gzip, q=0 refuses', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(acceptedEncoding('GZIP')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });

  it('sends the page and its scripts in the encoding the browser accepts', async () => {
    for (const url of ['/verify', '/verify/app.js', '/verify/sm2.js']) {
      const plain = await app.inject({ method: 'GET', url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      const br = await app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toBe(plain.headers['content-type']);
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
      const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    }
  });
});
