/**
 * The built H5 app as static files. The build leaves a brotli (`.br`) and a gzip (`.gz`) copy
 * beside each text file (scripts/compress-h5.mjs); @fastify/static answers with the best one the
 * browser accepts (`preCompressed`) and the plain file otherwise, so a phone on a slow network
 * downloads about a third of the bytes without the server compressing anything per request.
 *
 * Caching: files whose name carries a content hash (`js/app.1a2b3c4d.js`) never change under
 * that name, so a browser keeps them a year without asking again (`immutable`); everything else,
 * index.html above all, is revalidated on each load (`no-cache`, answered 304 when unchanged), so
 * a new build reaches every phone on its next visit.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Text files the build precompresses; the server varies their answer by `Accept-Encoding`. */
export const PRECOMPRESSED_EXTENSIONS = ['.js', '.css', '.html', '.svg', '.json'] as const;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** webpack's `[name].[contenthash:8].ext` (config/index.ts), also for images and fonts. */
const HASHED_NAME = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;

/** The file as built: `app.1a2b3c4d.js.br` → `app.1a2b3c4d.js`. */
const builtName = (file: string) => path.basename(file).replace(/\.(br|gz)$/, '');

/** The Cache-Control a built file is answered with. */
export const cacheControlFor = (file: string): string =>
  HASHED_NAME.test(builtName(file)) ? IMMUTABLE : REVALIDATE;

/**
 * The H5 app's Content-Security-Policy. What the Taro build needs: its own scripts and styles
 * (plus the inline scripts of index.html, e.g. Taro's root font-size script, allowed by their
 * SHA-256 so no other inline script runs), inline style attributes (React `style`), images from
 * data:/blob: URLs (the QR code, photos before upload), the camera (mediastream:/blob:), the API
 * on the same origin. Framed only by its own pages (X-Frame-Options SAMEORIGIN says the same).
 */
export function appCsp(inlineScriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${inlineScriptHashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** `sha256-…` of every inline <script> of the built index.html (none when there is no file). */
export function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const m of indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || m[2] === '') continue;
    hashes.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return hashes;
}

function readIndex(root: string): string {
  try {
    return fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  } catch {
    return '';
  }
}

function setHeaders(res: SetHeadersResponse, file: string, csp: string) {
  res.setHeader('content-security-policy', csp);
  res.setHeader('cache-control', cacheControlFor(file));
  const ext = path.extname(builtName(file)).toLowerCase();
  if ((PRECOMPRESSED_EXTENSIONS as readonly string[]).includes(ext)) {
    res.setHeader('vary', 'accept-encoding');
  }
}

/** Serves `root` at `/` with `index.html` for `/`. */
export async function staticFiles(app: FastifyInstance, opts: { root: string }) {
  // the build's index.html is read once: a new build comes with a restart
  const csp = appCsp(inlineScriptHashes(readIndex(opts.root)));
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    // Cache-Control is ours (setHeaders); send's default would be `max-age=0` on every file
    cacheControl: false,
    setHeaders: (res, file) => setHeaders(res, file, csp),
  });
}
