import {
  birthDateOk,
  checkIdNumber,
  checkIdNumberTyping,
  ID_NUMBER_MESSAGES,
  idNumberCheckChar,
} from '@/shared/lib/idNumber';
import { maskName } from '@/shared/lib/mask';

const TODAY = new Date('2026-11-29T04:00:00Z'); // noon in Beijing

describe('GB 11643 公民身份号码 check', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['11010519491231002x', '1949-12-31', 'female'],
    ['331081198512258315', '1985-12-25', 'male'],
    ['33102219650728822X', '1965-07-28', 'female'],
    ['331081 19851225 8315', '1985-12-25', 'male'],
  ])('%s is valid', (input, birthDate, sex) => {
    const r = checkIdNumber(input, TODAY);
    expect(r).toMatchObject({ ok: true, birthDate, sex });
    if (r.ok) expect(r.value).toMatch(/^\d{17}[\dX]$/);
  });

  it('computes the check character with weights 7 9 10 5 8 4 2 1 6 3 … mod 11 → 10X98765432', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('33108119851225831')).toBe('5');
  });

  it.each([
    ['', 'empty'],
    ['11010519491231002', 'length'],
    ['1101051949123100', 'length'],
    ['11010519491231002X1', 'length'],
    ['1101051949123100XX', 'characters'],
    ['11010519491231002A', 'characters'],
    ['110105１9491231002X', 'characters'],
    ['110105194913310023', 'birthDate'],
    ['110105194902300028', 'birthDate'],
    ['110105203001010020', 'birthDate'],
    ['110105189912310028', 'birthDate'],
    ['110105194912310021', 'checkDigit'],
    ['110105194912310029', 'checkDigit'],
    ['331081198512258314', 'checkDigit'],
  ])('%s → %s, with its own Chinese message', (input, problem) => {
    const r = checkIdNumber(input, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.message).toBe(ID_NUMBER_MESSAGES[problem as keyof typeof ID_NUMBER_MESSAGES]);
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('gives every kind of mistake a different message', () => {
    const messages = Object.values(ID_NUMBER_MESSAGES);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('knows leap years', () => {
    expect(birthDateOk('20000229', TODAY)).toBe(true);
    expect(birthDateOk('19000229', TODAY)).toBe(false);
    expect(birthDateOk('19960229', TODAY)).toBe(true);
    expect(birthDateOk('19970229', TODAY)).toBe(false);
  });

  describe('while typing', () => {
    it('stays quiet while a plausible number is incomplete', () => {
      for (const partial of ['1', '110105', '11010519', '1101051949123', '11010519491231002']) {
        expect(checkIdNumberTyping(partial, TODAY)).toBeNull();
      }
    });
    it('reports at once what more typing cannot fix', () => {
      expect(checkIdNumberTyping('1101a', TODAY)).toMatchObject({ problem: 'characters' });
      expect(checkIdNumberTyping('11010519491331', TODAY)).toMatchObject({ problem: 'birthDate' });
      expect(checkIdNumberTyping('1101051949123100211', TODAY)).toMatchObject({
        problem: 'length',
      });
      expect(checkIdNumberTyping('110105194912310021', TODAY)).toMatchObject({
        problem: 'checkDigit',
      });
      expect(checkIdNumberTyping('11010519491231002X', TODAY)).toMatchObject({ ok: true });
    });
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张*三'.replace('三', '丰')],
    ['李国平', '李*平'],
    ['李四', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['李*', '李*'],
    ['张*丰', '张*丰'],
    ['王', '王'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
