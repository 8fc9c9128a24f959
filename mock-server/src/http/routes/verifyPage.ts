/**
 * Serves the public web pages for verifiers without the app, whose HTML and scripts live in
 * ../verify-pages/: /verify and /void-announcements, each plain HTML + one script (no inline
 * script: the CSP allows 'self' only), the in-browser SM2 seal check (the app's own verifier,
 * bundled) and, on demand, jsQR.
 * Sent brotli- or gzip-compressed when the browser accepts it (../compressed.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { browserScript } from '../browserScript';
import { sendCompressed } from '../compressed';
import { pagePolicy, VERIFY_PAGE_DIRECTIVES } from '../securityHeaders';
import { verifyCryptoScript } from '../verify-pages/sm2';
import { VERIFY_PAGE, VERIFY_SCRIPT } from '../verify-pages/verify';
import { VOID_PAGE, VOID_SCRIPT } from '../verify-pages/voidAnnouncements';

// the pages' Content-Security-Policy, set by helmet (../securityHeaders.ts)
const PAGE = { helmet: pagePolicy(VERIFY_PAGE_DIRECTIVES) };

function readJsqr(): string {
  const require = createRequire(__filename);
  return fs.readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');
}

export async function verifyPages(app: FastifyInstance): Promise<void> {
  let jsqr: string | undefined;
  const html = (req: FastifyRequest, reply: FastifyReply, body: string) =>
    sendCompressed(
      req,
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache'),
      body,
    );
  const js = (req: FastifyRequest, reply: FastifyReply, body: string) =>
    sendCompressed(
      req,
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300'),
      body,
    );
  app.get('/verify', PAGE, async (req, reply) => html(req, reply, VERIFY_PAGE));
  // each page's script after the time module it formats with (verify-pages/time.ts)
  const withTime = (script: string) => `${browserScript('verify-pages/time.ts')}\n${script}`;
  let verifyJs: string | undefined;
  let voidJs: string | undefined;
  app.get('/verify/app.js', async (req, reply) =>
    js(req, reply, (verifyJs ??= withTime(VERIFY_SCRIPT))),
  );
  app.get('/verify/jsqr.js', async (req, reply) => js(req, reply, (jsqr ??= readJsqr())));
  app.get('/verify/sm2.js', async (req, reply) => js(req, reply, verifyCryptoScript()));
  // the QR field of certificates sealed before it named /verify: the page (scan 亮证 or enter a code)
  app.get('/api/v1/certificates/verify', async (_req, reply) => reply.redirect('/verify', 301));
  app.get('/void-announcements', PAGE, async (req, reply) => html(req, reply, VOID_PAGE));
  app.get('/void-announcements/app.js', async (req, reply) =>
    js(req, reply, (voidJs ??= withTime(VOID_SCRIPT))),
  );
}
