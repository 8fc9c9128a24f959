/**
 * The end-to-end tests' scan of what a citizen reads (tests/e2e/support/visibleText.ts), against
 * known strings: machine times, English error codes and messages, leaked null/undefined and
 * amounts in fen are found and named; the app's own wording (Beijing times, grouped yuan, 分钟,
 * 邀请码, 证号, 不动产单元号) is not.
 */
import { findTextProblems, formatTextProblems } from '../../e2e/support/visibleText';

const kinds = (text: string) => findTextProblems(text).map((p) => [p.kind, p.text]);

describe('findTextProblems finds', () => {
  it.each([
    ['登簿时间 2026-12-07T07:40:34Z', '2026-12-07T07:40:34Z'],
    ['有效期至 2026-12-07T07:40:34.000Z。', '2026-12-07T07:40:34.000Z'],
    ['签名于2026-12-07T15:40:34+08:00', '2026-12-07T15:40:34+08:00'],
    ['更新于 2026-12-07T07:40', '2026-12-07T07:40'],
    ['07:33:56Z 已受理', '07:33:56Z'],
    ['时间（UTC）', 'UTC'],
  ])('a machine time in “%s”', (text, offending) => {
    expect(kinds(text)).toEqual([['utcTime', offending]]);
  });

  it.each([
    ['操作失败：CONFLICT', 'CONFLICT'],
    ['原因代码 VERIFY_CODE_NOT_FOUND', 'VERIFY_CODE_NOT_FOUND'],
    ['VALIDATION_FAILED：价格不正确', 'VALIDATION_FAILED'],
    ['请求失败（UNAUTHENTICATED）', 'UNAUTHENTICATED'],
    ['Network Error', 'Network Error'],
    ['Request failed with status code 500', 'Request failed with status code 500'],
    ['网络超时：timeout of 15000ms exceeded', 'timeout of 15000ms exceeded'],
  ])('an English error code or message in “%s”', (text, offending) => {
    expect(kinds(text)).toEqual([['errorCode', offending]]);
  });

  it.each([
    ['坐落：null', 'null'],
    ['权利人 undefined', 'undefined'],
    ['面积 NaN ㎡', 'NaN'],
    ['附记：[object Object]', '[object Object]'],
  ])('a leaked empty value in “%s”', (text, offending) => {
    expect(kinds(text)).toEqual([['nullish', offending]]);
  });

  it.each([
    ['契税 4500000 分', '4500000 分'],
    ['登记费80分', '80分'],
    ['成交价 ¥150000000', '¥150000000'],
    ['成交价 150000000 元', '150000000 元'],
    ['priceFen: 1500', 'priceFen'],
  ])('an amount in fen in “%s”', (text, offending) => {
    expect(kinds(text)).toEqual([['fen', offending]]);
  });

  it('every problem of a page, in order, each named with its context', () => {
    const problems = findTextProblems('受理时间 2026-12-07T07:40:34Z\n状态 CONFLICT\n附记 null');
    expect(problems.map((p) => p.kind)).toEqual(['utcTime', 'errorCode', 'nullish']);
    const message = formatTextProblems(problems);
    expect(message).toContain('机器时间格式（ISO/UTC，未换成北京时间）：“2026-12-07T07:40:34Z”');
    expect(message).toContain('英文错误代码或错误信息：“CONFLICT”');
    expect(message).toContain('程序的空值（null/undefined）：“null”');
  });
});

describe('findTextProblems leaves alone', () => {
  it.each([
    '受理时间 2026-12-07 15:40',
    '2026年12月07日',
    '有效期至 2026-12-07。10 分钟内有效',
    '登记费 ¥80.00',
    '成交价 ¥1,500,000.00 元',
    '契税 ¥45,000.00（1.5%）',
    '邀请码：K7P2QX',
    '浙(2026)台州市不动产权第0001234号',
    '不动产单元号 331002001001GB00001F00010001',
    '中国建设银行股份有限公司台州分行',
    '按份共有，共有份额 50%',
    '剩余 1分30秒',
    '核验地址 http://127.0.0.1:4100/verify#HE1.abc.def',
    // a signed token may hold any letters: addresses are for copying and scanning, not read
    '邀请链接 http://127.0.0.1:4100/#/pages/invite/index?code=K7P2QX&t=null.ETIMEDOUT.AB_CD',
    '上传照片（JPG、PNG 或 PDF）',
    '二维码 QR',
  ])('“%s”', (text) => {
    expect(findTextProblems(text)).toEqual([]);
  });
});
