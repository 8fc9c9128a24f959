/**
 * Serves the public web pages for verifiers without the app, whose HTML and scripts live in
 * ../verify-pages/: /verify and /void-announcements, each plain HTML + one script (no inline
 * script: the CSP allows 'self' only), the in-browser SM2 seal check and, on demand, jsQR.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { VERIFY_CRYPTO_SCRIPT } from '../verify-pages/sm2';
import { VERIFY_PAGE, VERIFY_SCRIPT } from '../verify-pages/verify';
import { VOID_PAGE, VOID_SCRIPT } from '../verify-pages/voidAnnouncements';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function readJsqr(): string {
  const require = createRequire(__filename);
  return fs.readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');
}

export async function verifyPages(app: FastifyInstance): Promise<void> {
  let jsqr: string | undefined;
  const html = (reply: FastifyReply, body: string) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('cache-control', 'no-cache')
      .send(body);
  const js = (reply: FastifyReply, body: string) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(body);
  app.get('/verify', async (_req, reply) => html(reply, VERIFY_PAGE));
  app.get('/verify/app.js', async (_req, reply) => js(reply, VERIFY_SCRIPT));
  app.get('/verify/jsqr.js', async (_req, reply) => js(reply, (jsqr ??= readJsqr())));
  app.get('/verify/sm2.js', async (_req, reply) => js(reply, VERIFY_CRYPTO_SCRIPT));
  app.get('/void-announcements', async (_req, reply) => html(reply, VOID_PAGE));
  app.get('/void-announcements/app.js', async (_req, reply) => js(reply, VOID_SCRIPT));
}
