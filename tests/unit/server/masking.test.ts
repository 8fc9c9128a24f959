import { maskIdNumber, maskName, maskPhone } from '../../../mock-server/src/domain/masking';

describe('masking personal data for non-owners', () => {
  it.each([
    ['331002199001011230', '331002********1230'],
    ['33100219900101123X', '331002********123X'],
    ['331002900101123', '331002*****1123'],
    ['12345', '***45'],
    ['1', '*'],
  ])('ID number %s → %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0576-8888123', '*******8123'],
    ['12345', '*****'],
  ])('phone %s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it.each([
    ['张三丰', '张*丰'],
    ['王五', '王*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    ['𠮷祥', '𠮷*'],
  ])('name %s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });

  it('never returns the full value for an 18-digit number or an 11-digit phone', () => {
    const id = '33100219900101123X';
    expect(maskIdNumber(id)).not.toContain(id.slice(6, 14));
    expect(maskPhone('13812345678')).not.toContain('1234');
  });
});
