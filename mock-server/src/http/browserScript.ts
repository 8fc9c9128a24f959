/**
 * Scripts for server-rendered pages, written in TypeScript (type-checked and linted with the
 * rest of the code) and bundled for the browser on first request with esbuild, the compiler that
 * already runs the server (tsx is built on it; no build step, no new package). One bundle per
 * entry and process, kept in memory: the sources do not change while a process runs.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';

const bundles = new Map<string, string>();

/**
 * The bundled script of `entry` (a path from mock-server/src/http; the /verify page's check is
 * the app's own verifier under src/), an IIFE for browsers.
 */
export function browserScript(entry: string): string {
  let js = bundles.get(entry);
  if (js === undefined) {
    const out = buildSync({
      entryPoints: [path.join(__dirname, entry)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      // BigInt (the /verify page's SM2 check): every browser the pages support has it
      target: 'es2020',
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      tsconfig: path.join(__dirname, '../../../tsconfig.json'),
    });
    js = out.outputFiles[0].text;
    bundles.set(entry, js);
  }
  return js;
}
