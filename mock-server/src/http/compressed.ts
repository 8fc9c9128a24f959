/**
 * Fixed texts the server builds in memory (the /verify and /void-announcements pages and their
 * scripts) sent compressed like the H5 build's files (staticFiles.ts): brotli when the browser
 * accepts it, else gzip, else as they are. Each text is compressed once, on first request.
 */
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

type Encoding = 'br' | 'gzip';

/** The encodings `Accept-Encoding` allows (`q=0` refuses one), best first. */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  const allowed = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) allowed.add(name.trim());
  }
  if (allowed.has('br')) return 'br';
  if (allowed.has('gzip')) return 'gzip';
  return null;
}

const cache = new Map<string, Record<Encoding, Buffer>>();

function compressedCopies(body: string): Record<Encoding, Buffer> {
  let copies = cache.get(body);
  if (!copies) {
    const buf = Buffer.from(body, 'utf8');
    copies = {
      br: zlib.brotliCompressSync(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
      gzip: zlib.gzipSync(buf, { level: 9 }),
    };
    cache.set(body, copies);
  }
  return copies;
}

/** Sends `body` (its type already set on `reply`) in the best encoding the request accepts. */
export function sendCompressed(req: FastifyRequest, reply: FastifyReply, body: string) {
  reply.header('vary', 'accept-encoding');
  const encoding = acceptedEncoding(req.headers['accept-encoding']);
  if (!encoding) return reply.send(body);
  return reply.header('content-encoding', encoding).send(compressedCopies(body)[encoding]);
}
