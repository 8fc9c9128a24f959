import {
  bytesToHex,
  canonicalJson,
  canonicalJsonBytes,
  CanonicalJsonError,
} from '../../../mock-server/src/domain/crypto';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
  });

  it('sorts by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    // RFC 8785 sorting example keys.
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // (Not via Object.keys(JSON.parse(…)): JS lists integer-like keys such as '1' first.)
    const values = [...canonicalJson(value).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('writes numbers and strings as JSON.stringify (as JCS does)', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 1 / 3, -1e-300])).toBe(
      '[0,0,1.5,1e+21,1e-7,0.3333333333333333,-1e-300]',
    );
    expect(
      canonicalJson({ 不动产单元号: '331002 001001 GB00001 F00010001', q: '"\\\n\u0001' }),
    ).toBe('{"q":"\\"\\\\\\n\\u0001","不动产单元号":"331002 001001 GB00001 F00010001"}');
  });

  it('gives UTF-8 bytes for signing', () => {
    expect(bytesToHex(canonicalJsonBytes({ 证: 1 }))).toBe('7b22e8af81223a317d');
  });

  it('round-trips through JSON.parse', () => {
    const value = { case: { id: 'C-1', parties: [{ name: '张三', share: 0.5 }], ok: false } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('rejects what JSON cannot carry faithfully', () => {
    const sparse: number[] = [1];
    sparse[2] = 3; // a hole at index 1
    const bad: unknown[] = [
      undefined,
      { a: undefined },
      [1, undefined],
      () => 1,
      { f() {} },
      Symbol('s'),
      10n,
      NaN,
      Infinity,
      { x: -Infinity },
      new Date(0),
      new Map(),
      sparse,
      { [Symbol('k')]: 1 },
    ];
    for (const v of bad) expect(() => canonicalJson(v)).toThrow(CanonicalJsonError);
  });

  it('rejects cycles but allows shared references', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: [shared] })).toBe('{"x":{"a":1},"y":[{"a":1}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle at \$\.self/);
  });

  it('accepts null-prototype objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    expect(canonicalJson(o)).toBe('{"a":1,"b":2}');
  });
});
