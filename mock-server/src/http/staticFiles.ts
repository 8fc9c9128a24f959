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
import { appDirectives, pagePolicy } from './securityHeaders';

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

function setHeaders(res: SetHeadersResponse, file: string) {
  res.setHeader('cache-control', cacheControlFor(file));
  const ext = path.extname(builtName(file)).toLowerCase();
  if ((PRECOMPRESSED_EXTENSIONS as readonly string[]).includes(ext)) {
    res.setHeader('vary', 'accept-encoding');
  }
}

/** Serves `root` at `/` with `index.html` for `/`. */
export async function staticFiles(app: FastifyInstance, opts: { root: string }) {
  // the build's index.html is read once: a new build comes with a restart
  // the app's Content-Security-Policy (../securityHeaders.ts: helmet sets it): on each of the
  // plugin's routes, as its `helmet` option would (@fastify/static takes no route options)
  const helmet = pagePolicy(appDirectives(inlineScriptHashes(readIndex(opts.root))));
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), helmet } as typeof route.config;
  });
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    // Cache-Control is ours (setHeaders); send's default would be `max-age=0` on every file
    cacheControl: false,
    setHeaders: (res, file) => setHeaders(res, file),
  });
}
