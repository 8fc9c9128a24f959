/**
 * The security headers, set by @fastify/helmet (one policy, configured here, instead of headers
 * written by hand): every answer gets helmet's defaults as the registry wants them
 * (X-Content-Type-Options nosniff, X-Frame-Options SAMEORIGIN, Referrer-Policy no-referrer,
 * Cross-Origin-Opener-/Resource-Policy same-origin, …) and, unless its route says otherwise, the
 * API's Content-Security-Policy: nothing may load, nobody may frame it (an API answer carries
 * personal data and is never a page). The pages each name their own policy as the route's
 * `helmet` option: the H5 app (staticFiles.ts), the verify pages, the staff console and the
 * fallback page. HSTS only over TLS (directly, or behind a proxy TRUST_PROXY believes): sent on
 * plain http it would be ignored, and on a loopback demo it would pin the browser to https.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

type Directives = Record<string, string[]>;
type RouteHelmet = Omit<FastifyHelmetOptions, 'global'>;

/** A Content-Security-Policy of exactly these directives (none of helmet's defaults added). */
const csp = (directives: Directives) => ({ useDefaults: false, directives });

/** The API's policy, and the one of every answer whose route names none. */
export const API_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The API's policy for an error body (uniform JSON), whichever route answered it: a path the H5
 * app's catch-all route took (`/api/v1/no-such-route`) answers 404 as the API does.
 */
export const ERROR_BODY_POLICY = { contentSecurityPolicy: csp(API_DIRECTIVES) };

/** HSTS: once a browser reached the registry over TLS, it never goes back to plain http. */
export const HSTS = { maxAge: 31_536_000, includeSubDomains: true } as const;

/** The options of @fastify/helmet for the whole server. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: csp(API_DIRECTIVES),
  xFrameOptions: { action: 'sameorigin' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // sent per request, over TLS only (withHstsOverTls)
  strictTransportSecurity: false,
};

/** A route's helmet option: the server's headers with this Content-Security-Policy. */
export const pagePolicy = (directives: Directives): RouteHelmet => ({
  ...withoutGlobal(HELMET_OPTIONS),
  contentSecurityPolicy: csp(directives),
});

function withoutGlobal(o: FastifyHelmetOptions): RouteHelmet {
  const { global: _global, ...rest } = o;
  return rest;
}

/** Permissions-Policy (helmet has none): the camera for the face check, the map's location. */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(self)';

/**
 * The H5 app's policy. What the Taro build needs: its own scripts and styles (plus the inline
 * scripts of index.html, e.g. Taro's root font-size script, allowed by their SHA-256 so no other
 * inline script runs), inline style attributes (React `style`), images from data:/blob: URLs (the
 * QR code, photos before upload), the camera (mediastream:/blob:), the API on the same origin.
 * Framed only by its own pages (X-Frame-Options SAMEORIGIN says the same).
 */
export const appDirectives = (inlineScriptHashes: readonly string[]): Directives => ({
  'default-src': ["'self'"],
  'script-src': ["'self'", ...inlineScriptHashes.map((h) => `'${h}'`)],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
});

/** The public verify pages (/verify, /void-announcements): own scripts only, never framed. */
export const VERIFY_PAGE_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/** The staff console: its own script and stylesheet, the API; never framed. */
export const STAFF_CONSOLE_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The page shown when the H5 app is not built: its inline style only. */
export const FALLBACK_PAGE_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'frame-ancestors': ["'none'"],
};
