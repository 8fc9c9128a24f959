/**
 * setupFiles of the jest project `server-pg`: every registry the server tests start
 * (support/registry.ts, auth.ts, signing.ts) is a fresh PostgreSQL database of its own.
 */
process.env.TEST_REGISTRY_DB = 'postgres';
