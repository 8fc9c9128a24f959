/**
 * The staff console's script, served at /staff/console.js: TypeScript in ./client (no framework;
 * entry client/main.ts), bundled for the browser by ../browserScript.ts. Everything
 * user-supplied goes on the page with textContent, never as HTML.
 */
import { browserScript } from '../browserScript';

export const staffConsoleScript = (): string => browserScript('staff-console/client/main.ts');
