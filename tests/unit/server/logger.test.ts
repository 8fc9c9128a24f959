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
});
