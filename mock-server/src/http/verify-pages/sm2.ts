/**
 * The /verify page's offline seal check, served as /verify/sm2.js and loaded
 * only when a token is to be checked: SM3 (GB/T 32905) and SM2 verification (GB/T 32918.2,
 * Jacobian coordinates, BigInt) in plain browser JavaScript, exposing
 *   window.HeSm2 = { sm3(bytes), verify(publicKeyHex, messageBytes, signatureBytes),
 *                    checkToken(token, publicKeyHex) → 'sealed' | 'forged' | 'malformed' }
 * The same text runs in tests (tests/server/verify-page-crypto.test.ts) against the standard's
 * known answers and real registry tokens.
 */
export const VERIFY_CRYPTO_SCRIPT = String.raw`(function (root) {
  'use strict';
  var IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
  function rotl(x, n) { n = n % 32; return ((x << n) | (x >>> (32 - n))) >>> 0; }
  function p0(x) { return (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0; }
  function p1(x) { return (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0; }
  function sm3(bytes) {
    var len = bytes.length, total = Math.ceil((len + 9) / 64) * 64;
    var m = new Uint8Array(total);
    m.set(bytes); m[len] = 0x80;
    var bits = len * 8, hi = Math.floor(bits / 4294967296), lo = bits >>> 0;
    m[total - 8] = hi >>> 24; m[total - 7] = (hi >>> 16) & 255; m[total - 6] = (hi >>> 8) & 255; m[total - 5] = hi & 255;
    m[total - 4] = lo >>> 24; m[total - 3] = (lo >>> 16) & 255; m[total - 2] = (lo >>> 8) & 255; m[total - 1] = lo & 255;
    var v = IV.slice(), w = new Array(68), w1 = new Array(64), j;
    for (var off = 0; off < total; off += 64) {
      for (j = 0; j < 16; j++) {
        w[j] = ((m[off + 4 * j] << 24) | (m[off + 4 * j + 1] << 16) | (m[off + 4 * j + 2] << 8) | m[off + 4 * j + 3]) >>> 0;
      }
      for (j = 16; j < 68; j++) {
        w[j] = (p1((w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) >>> 0) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0;
      }
      for (j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0;
      var a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
      for (j = 0; j < 64; j++) {
        var t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
        var ss1 = rotl((rotl(a, 12) + e + rotl(t, j)) >>> 0, 7);
        var ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
        var ff = j < 16 ? (a ^ b ^ c) >>> 0 : ((a & b) | (a & c) | (b & c)) >>> 0;
        var gg = j < 16 ? (e ^ f ^ g) >>> 0 : ((e & f) | (~e & g)) >>> 0;
        var tt1 = (ff + d + ss2 + w1[j]) >>> 0;
        var tt2 = (gg + h + ss1 + w[j]) >>> 0;
        d = c; c = rotl(b, 9); b = a; a = tt1;
        h = g; g = rotl(f, 19); f = e; e = p0(tt2);
      }
      v = [a ^ v[0], b ^ v[1], c ^ v[2], d ^ v[3], e ^ v[4], f ^ v[5], g ^ v[6], h ^ v[7]].map(function (x) { return x >>> 0; });
    }
    var out = new Uint8Array(32);
    for (j = 0; j < 8; j++) { out[4 * j] = v[j] >>> 24; out[4 * j + 1] = (v[j] >>> 16) & 255; out[4 * j + 2] = (v[j] >>> 8) & 255; out[4 * j + 3] = v[j] & 255; }
    return out;
  }

  var P = BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff');
  var A = BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc');
  var B = BigInt('0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93');
  var N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
  var GX = BigInt('0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7');
  var GY = BigInt('0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0');
  var Z0 = BigInt(0), Z1 = BigInt(1), Z2 = BigInt(2), Z3 = BigInt(3), Z4 = BigInt(4), Z8 = BigInt(8);
  function mod(x, m) { m = m || P; var r = x % m; return r < Z0 ? r + m : r; }
  function inv(x) {
    var r0 = mod(x), r1 = P, s0 = Z1, s1 = Z0, q, t;
    while (r1 !== Z0) { q = r0 / r1; t = r0 - q * r1; r0 = r1; r1 = t; t = s0 - q * s1; s0 = s1; s1 = t; }
    return mod(s0);
  }
  function dbl(p) {
    if (!p || p[1] === Z0) return null;
    var x = p[0], y = p[1], z = p[2];
    var yy = mod(y * y), s = mod(Z4 * x * yy), zz = mod(z * z);
    var mm = mod(Z3 * x * x + A * mod(zz * zz));
    var x3 = mod(mm * mm - Z2 * s);
    return [x3, mod(mm * (s - x3) - Z8 * mod(yy * yy)), mod(Z2 * y * z)];
  }
  function add(p, q) {
    if (!p) return q; if (!q) return p;
    var z1z1 = mod(p[2] * p[2]), z2z2 = mod(q[2] * q[2]);
    var u1 = mod(p[0] * z2z2), u2 = mod(q[0] * z1z1);
    var s1 = mod(p[1] * q[2] * z2z2), s2 = mod(q[1] * p[2] * z1z1);
    if (u1 === u2) return s1 === s2 ? dbl(p) : null;
    var h = mod(u2 - u1), r = mod(s2 - s1), hh = mod(h * h), hhh = mod(h * hh), v = mod(u1 * hh);
    var x3 = mod(r * r - hhh - Z2 * v);
    return [x3, mod(r * (v - x3) - s1 * hhh), mod(p[2] * q[2] * h)];
  }
  function mul(k, x, y) {
    var acc = null, base = [x, y, Z1], bits = k.toString(2);
    for (var i = 0; i < bits.length; i++) { acc = dbl(acc); if (bits[i] === '1') acc = add(acc, base); }
    return acc;
  }
  function onCurve(x, y) { return x < P && y < P && mod(y * y) === mod(x * x * x + A * x + B); }
  function hex(bytes) { var s = ''; for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); return s; }
  function big(bytes) { return bytes.length ? BigInt('0x' + hex(bytes)) : Z0; }
  function b32(n) { var out = new Uint8Array(32); for (var i = 31; i >= 0; i--) { out[i] = Number(n & BigInt(255)); n = n >> Z8; } return out; }
  function concat(parts) {
    var len = 0, i; for (i = 0; i < parts.length; i++) len += parts[i].length;
    var out = new Uint8Array(len), o = 0; for (i = 0; i < parts.length; i++) { out.set(parts[i], o); o += parts[i].length; }
    return out;
  }
  var ID = new TextEncoder().encode('1234567812345678');
  function verify(publicKeyHex, message, signature) {
    if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex) || signature.length !== 64) return false;
    var px = BigInt('0x' + publicKeyHex.slice(2, 66)), py = BigInt('0x' + publicKeyHex.slice(66));
    if (!onCurve(px, py)) return false;
    var r = big(signature.subarray(0, 32)), s = big(signature.subarray(32));
    if (r < Z1 || r >= N || s < Z1 || s >= N) return false;
    var t = mod(r + s, N);
    if (t === Z0) return false;
    var entl = ID.length * 8;
    var z = sm3(concat([new Uint8Array([entl >> 8, entl & 255]), ID, b32(A), b32(B), b32(GX), b32(GY), b32(px), b32(py)]));
    var e = big(sm3(concat([z, message])));
    var pt = add(mul(s, GX, GY), mul(t, px, py));
    if (!pt) return false;
    var zi = inv(pt[2]);
    var x1 = mod(pt[0] * mod(zi * zi));
    return mod(e + x1, N) === r;
  }
  function b64url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function checkToken(token, publicKeyHex) {
    var parts = String(token).split('.');
    if (parts.length !== 3 || parts[0] !== 'HE1') return 'malformed';
    var message = b64url(parts[1]), signature = b64url(parts[2]);
    if (!message || !message.length || !signature || signature.length !== 64) return 'malformed';
    return verify(publicKeyHex, message, signature) ? 'sealed' : 'forged';
  }
  root.HeSm2 = { sm3: sm3, verify: verify, checkToken: checkToken };
})(typeof window !== 'undefined' ? window : this);
`;
