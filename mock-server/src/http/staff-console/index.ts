/** Serves the staff console page, stylesheet and script at /staff. */
import type { FastifyInstance } from 'fastify';
import { pagePolicy, STAFF_CONSOLE_DIRECTIVES } from '../securityHeaders';
import { STAFF_PAGE } from './page';
import { staffConsoleScript } from './script';
import { STAFF_CSS } from './styles';

// its Content-Security-Policy, set by helmet (../securityHeaders.ts)
const HELMET = pagePolicy(STAFF_CONSOLE_DIRECTIVES);

export async function staffConsole(app: FastifyInstance): Promise<void> {
  const files: [string, string, string | (() => string)][] = [
    ['/staff', 'text/html; charset=utf-8', STAFF_PAGE],
    ['/staff/', 'text/html; charset=utf-8', STAFF_PAGE],
    ['/staff/console.css', 'text/css; charset=utf-8', STAFF_CSS],
    ['/staff/console.js', 'text/javascript; charset=utf-8', staffConsoleScript],
  ];
  for (const [url, type, body] of files) {
    app.get(url, { helmet: HELMET }, async (_req, reply) =>
      reply
        .type(type)
        .header('cache-control', 'no-store')
        .send(typeof body === 'function' ? body() : body),
    );
  }
}
