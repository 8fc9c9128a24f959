import { Writable } from 'node:stream';
import { createLogger, scrubPersonalData } from '../../../mock-server/src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('logger redaction', () => {
  const id = '33100219900101123X';
  const phone = '13812345678';

  it('redacts ID numbers, phones and names by path, at any depth used by the app', async () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        idNumber: id,
        person: { name: '张三丰', phone },
        case: { holders: [{ name: '王五', idNumber: id }] },
        req: { headers: { authorization: 'Bearer secret-token', cookie: 'sid=secret-cookie' } },
        body: { idNumber: id },
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('hello');
    for (const secret of [id, phone, '张三丰', '王五', 'secret-token', 'secret-cookie']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[已隐藏]');
  });

  it('scrubs ID numbers and mobile numbers out of free text such as URLs', () => {
    expect(scrubPersonalData(`/api/v1/holdings?idNumber=${id}&phone=${phone}`)).toBe(
      '/api/v1/holdings?idNumber=[身份证号已隐藏]&phone=[手机号已隐藏]',
    );
    expect(scrubPersonalData('/api/v1/catalogue?page=2')).toBe('/api/v1/catalogue?page=2');
  });

  it('scrubs percent-encoded ID numbers and phones too (decoded first, twice-encoded as well)', () => {
    const enc = (s: string) =>
      [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    // 331004198208259538 and 13812345678 written as %33%33%31… and %31%33%38…
    expect(scrubPersonalData(`/api/v1/holdings?idNumber=${enc('331004198208259538')}`)).toBe(
      '/api/v1/holdings?idNumber=[身份证号已隐藏]',
    );
    expect(scrubPersonalData(`/api/v1/x?phone=${enc('13812345678')}`)).toBe(
      '/api/v1/x?phone=[手机号已隐藏]',
    );
    // partly encoded, lower-case hex, an X check digit, and %25 (an encoded %) before it
    expect(scrubPersonalData('/a?id=3310%30%3419820825953%78&b=1')).toBe(
      '/a?id=[身份证号已隐藏]&b=1',
    );
    expect(scrubPersonalData(`/a?p=${enc('13812345678').replace(/%/g, '%25')}`)).toBe(
      '/a?p=[手机号已隐藏]',
    );
    // the request line as logged never carries the digits
    const { lines, stream } = capture();
    createLogger('info', stream).info(
      { req: { method: 'GET', url: `/api/v1/holdings?idNumber=${enc(id)}` } },
      'hi',
    );
    expect(lines.join('')).not.toMatch(/%3[0-9]%3[0-9]%3[0-9]/);
    expect(lines.join('')).toContain('[身份证号已隐藏]');
    // nothing personal: left as it was, encoded Chinese included
    expect(scrubPersonalData('/a?q=%E6%9D%AD&page=%32')).toBe('/a?q=%E6%9D%AD&page=2');
  });
});
