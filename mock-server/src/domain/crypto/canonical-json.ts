/**
 * Canonical JSON for signing: object keys sorted by UTF-16 code units (as RFC 8785 JCS), no
 * whitespace, numbers and strings as ECMAScript JSON.stringify writes them (which is what JCS
 * specifies). Anything JSON cannot carry faithfully is REJECTED rather than silently dropped or
 * changed: undefined (also as an object member or array element), functions, symbols, bigints,
 * NaN/±Infinity, non-plain objects (Date, Map, class instances…), sparse arrays and cycles.
 * So the bytes a seal signs are exactly the data that the verifier will parse back.
 */
import { utf8 } from './bytes';

export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`canonicalJson: ${reason} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const write = (v: unknown, path: string): string => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw new CanonicalJsonError(path, `non-finite number ${v}`);
        return JSON.stringify(v); // -0 → "0", 1e21 → "1e+21", as JCS
      case 'undefined':
        throw new CanonicalJsonError(path, 'undefined');
      case 'function':
        throw new CanonicalJsonError(path, 'function');
      case 'symbol':
        throw new CanonicalJsonError(path, 'symbol');
      case 'bigint':
        throw new CanonicalJsonError(path, 'bigint (encode it as a string)');
      case 'object':
        break;
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (seen.has(obj)) throw new CanonicalJsonError(path, 'cycle');
    seen.add(obj);
    let out: string;
    if (Array.isArray(obj)) {
      const items: string[] = [];
      for (let i = 0; i < obj.length; i++) {
        if (!(i in obj)) throw new CanonicalJsonError(`${path}[${i}]`, 'hole in sparse array');
        items.push(write(obj[i], `${path}[${i}]`));
      }
      out = `[${items.join(',')}]`;
    } else {
      const proto = Object.getPrototypeOf(obj);
      if (proto !== Object.prototype && proto !== null) {
        const kind = (proto as { constructor?: { name?: string } })?.constructor?.name ?? 'object';
        throw new CanonicalJsonError(path, `non-plain object (${kind})`);
      }
      if (Object.getOwnPropertySymbols(obj).length > 0) {
        throw new CanonicalJsonError(path, 'symbol-keyed property');
      }
      const record = obj as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      out = `{${keys
        .map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`)
        .join(',')}}`;
    }
    seen.delete(obj);
    return out;
  };
  return write(value, '$');
}

/** UTF-8 bytes of canonicalJson(value): what a signature or seal is computed over. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
