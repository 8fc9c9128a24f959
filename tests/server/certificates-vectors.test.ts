/**
 * The verification test vectors (tests/vectors/verification/*.json, made by
 * scripts/make-verification-vectors.ts): each file has a token, the time of the check, the
 * registry's public key and the expected outcome; the offline check must give exactly it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkPresentationToken, extractToken } from '../../mock-server/src/domain/presentation';

const DIR = path.join(__dirname, '../vectors/verification');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

interface Vector {
  description: string;
  token: string;
  time: string;
  publicKey: string;
  expected: string;
}

test('the vector folder covers valid, expired, tampered, foreign-key and malformed tokens', () => {
  const outcomes = new Set(
    files.map((f) => (JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Vector).expected),
  );
  expect([...outcomes].sort()).toEqual(
    [
      'TOKEN_EXPIRED',
      'TOKEN_LIFETIME_INVALID',
      'TOKEN_MALFORMED',
      'TOKEN_NOT_YET_VALID',
      'TOKEN_SEAL_INVALID',
      'VALID',
    ].sort(),
  );
});

test.each(files)('%s', (file) => {
  const v = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Vector;
  const token = extractToken(v.token) ?? v.token;
  const r = checkPresentationToken(token, v.publicKey, new Date(v.time));
  expect(r.ok ? 'VALID' : r.code).toBe(v.expected);
});
