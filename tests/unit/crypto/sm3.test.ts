import { createHash, randomBytes } from 'node:crypto';
import { bytesToHex, Sm3, sm3, utf8 } from '../../../mock-server/src/domain/crypto';

const nodeSm3 = (data: Uint8Array): string => createHash('sm3').update(data).digest('hex');

describe('SM3 (GB/T 32905)', () => {
  it('known answers', () => {
    expect(bytesToHex(sm3(utf8('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    // GB/T 32905 Annex A example 2: "abcd" × 16 (512 bits).
    expect(bytesToHex(sm3(utf8('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
    expect(bytesToHex(sm3(new Uint8Array(0)))).toBe(nodeSm3(new Uint8Array(0)));
  });

  it('agrees with node:crypto on every length 0..300 and on random buffers', () => {
    const mismatches: number[] = [];
    for (let len = 0; len <= 300; len++) {
      const data = randomBytes(len);
      if (bytesToHex(sm3(data)) !== nodeSm3(data)) mismatches.push(len);
    }
    expect(mismatches).toEqual([]);
    for (let i = 0; i < 50; i++) {
      const data = randomBytes(1 + Math.floor(Math.random() * 5000));
      expect(bytesToHex(sm3(data))).toBe(nodeSm3(data));
    }
  });

  it('incremental updates in arbitrary chunks give the same digest', () => {
    const data = randomBytes(1000);
    const h = new Sm3();
    for (let i = 0; i < data.length;) {
      const step = 1 + ((i * 7) % 97);
      h.update(data.subarray(i, i + step));
      i += step;
    }
    expect(bytesToHex(h.digest())).toBe(nodeSm3(data));
    expect(bytesToHex(sm3(data.subarray(0, 10), data.subarray(10)))).toBe(nodeSm3(data));
    expect(() => h.digest()).toThrow();
  });
});
