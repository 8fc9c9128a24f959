/**
 * Writes tests/vectors/verification/*.json: presentation tokens with the time of the
 * check and the expected outcome, like the EU DCC test data. Keys are the public GB/T 32918.5
 * example key (the "registry") and a second fixed key (a forger); k is deterministic, so the
 * files are reproducible:  npx tsx scripts/make-verification-vectors.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  bytesToHex,
  encodePublicKeyHex,
  publicKeyFromPrivateKey,
  sm3,
  bytesToBigint,
  utf8,
} from '../mock-server/src/domain/crypto';
import {
  base64urlDecode,
  base64urlEncode,
  signPresentationToken,
  type PresentationClaims,
} from '../mock-server/src/domain/presentation';

const DIR = path.join(__dirname, '../tests/vectors/verification');
const REGISTRY = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
const FORGER = 0x1649ab77a00637bd5e2efe283fbf353534aa7f7cb89463f208ddbc2920bb0da0n;
const publicKey = encodePublicKeyHex(publicKeyFromPrivateKey(REGISTRY));

let counter = 0;
const kSource = () => bytesToBigint(sm3(utf8(`vector-k-${++counter}`))) % 2n ** 255n;

const claims = (over: Partial<PresentationClaims> = {}): PresentationClaims => ({
  v: 1,
  typ: 'estate-presentation',
  kid: 'REGKEY-vectors',
  pid: 'PRES-vector-0001',
  sub: 'CERT-vector-0001',
  kind: 'titleCertificate',
  view: 'minimal',
  fields: ['rightHolders', 'location', 'rightType', 'use', 'issuer'],
  nonce: bytesToHex(sm3(utf8('nonce'))).slice(0, 32),
  iat: '2026-03-02T01:00:00.000Z',
  exp: '2026-03-02T01:05:00.000Z',
  uses: 3,
  ...over,
});

const good = signPresentationToken(claims(), REGISTRY, kSource);
const [prefix, body, sig] = good.split('.');
const flip = (part: string, index: number) => {
  const b = base64urlDecode(part)!;
  b[index] ^= 0x01;
  return base64urlEncode(b);
};
const nonceAt = new TextDecoder().decode(base64urlDecode(body)!).indexOf('"nonce":"') + 9;

const vectors: Record<
  string,
  { description: string; token: string; time: string; expected: string }
> = {
  '01-valid-minimal': {
    description: '登记机构签发、有效期内的最小披露亮证码',
    token: good,
    time: '2026-03-02T01:02:00.000Z',
    expected: 'VALID',
  },
  '02-valid-full-last-second': {
    description: '完整披露，在到期前最后一秒核验',
    token: signPresentationToken(
      claims({ view: 'full', fields: ['number', 'rightHolders'] }),
      REGISTRY,
      kSource,
    ),
    time: '2026-03-02T01:04:59.999Z',
    expected: 'VALID',
  },
  '03-expired-at-exp': {
    description: '到期时刻即失效（截图在5分钟后使用）',
    token: good,
    time: '2026-03-02T01:05:00.000Z',
    expected: 'TOKEN_EXPIRED',
  },
  '04-expired-screenshot-next-day': {
    description: '第二天使用的截图',
    token: good,
    time: '2026-03-03T09:00:00.000Z',
    expected: 'TOKEN_EXPIRED',
  },
  '05-one-byte-changed-in-claims': {
    description: '内容改动一个字节（nonce 的一位）',
    token: `${prefix}.${flip(body, nonceAt)}.${sig}`,
    time: '2026-03-02T01:02:00.000Z',
    expected: 'TOKEN_SEAL_INVALID',
  },
  '06-one-byte-changed-in-signature': {
    description: '签名改动一个字节',
    token: `${prefix}.${body}.${flip(sig, 10)}`,
    time: '2026-03-02T01:02:00.000Z',
    expected: 'TOKEN_SEAL_INVALID',
  },
  '07-sealed-by-another-key': {
    description: '同样内容由另一把密钥签名',
    token: signPresentationToken(claims(), FORGER, kSource),
    time: '2026-03-02T01:02:00.000Z',
    expected: 'TOKEN_SEAL_INVALID',
  },
  '08-lifetime-over-5-minutes': {
    description: '登记机构密钥签名但有效期超过5分钟',
    token: signPresentationToken(claims({ exp: '2026-03-02T01:05:00.001Z' }), REGISTRY, kSource),
    time: '2026-03-02T01:01:00.000Z',
    expected: 'TOKEN_LIFETIME_INVALID',
  },
  '09-issued-in-the-future': {
    description: '签发时间比核验时间晚1分钟以上（设备时间错误）',
    token: good,
    time: '2026-03-02T00:59:00.000Z',
    expected: 'TOKEN_NOT_YET_VALID',
  },
  '10-malformed-truncated': {
    description: '被截断的二维码内容',
    token: good.slice(0, 80),
    time: '2026-03-02T01:02:00.000Z',
    expected: 'TOKEN_MALFORMED',
  },
  '11-malformed-wrong-prefix': {
    description: '不是亮证码',
    token: `HE2.${body}.${sig}`,
    time: '2026-03-02T01:02:00.000Z',
    expected: 'TOKEN_MALFORMED',
  },
  '12-valid-inside-verify-url': {
    description: '二维码中的核验链接',
    token: `https://registry.example/verify#${good}`,
    time: '2026-03-02T01:00:00.000Z',
    expected: 'VALID',
  },
};

fs.mkdirSync(DIR, { recursive: true });
for (const [name, v] of Object.entries(vectors)) {
  fs.writeFileSync(
    path.join(DIR, `${name}.json`),
    `${JSON.stringify({ ...v, publicKey }, null, 2)}\n`,
  );
}
console.log(`wrote ${Object.keys(vectors).length} vectors to ${path.relative(process.cwd(), DIR)}`);
