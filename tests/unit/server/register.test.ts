import { AppError } from '../../../mock-server/src/domain/errors';
import {
  checkHolders,
  checkRegisterEvent,
  projectRegister,
  type Certificate,
  type RegisterEvent,
  type Unit,
} from '../../../mock-server/src/domain/register';

describe('checkHolders', () => {
  it.each([
    ['sole with one holder', 'sole', [{ personId: 'a' }], null],
    [
      'sole with two holders',
      'sole',
      [{ personId: 'a' }, { personId: 'b' }],
      '单独所有只能有一个权利人',
    ],
    ['joint with two', 'joint', [{ personId: 'a' }, { personId: 'b' }], null],
    ['joint with one', 'joint', [{ personId: 'a' }], '共同共有至少有两个权利人'],
    [
      'joint with shares',
      'joint',
      [{ personId: 'a', shareBasisPoints: 5000 }, { personId: 'b' }],
      '共同共有不登记份额',
    ],
    [
      'shares 50/50',
      'shares',
      [
        { personId: 'a', shareBasisPoints: 5000 },
        { personId: 'b', shareBasisPoints: 5000 },
      ],
      null,
    ],
    [
      'shares thirds',
      'shares',
      [
        { personId: 'a', shareBasisPoints: 3334 },
        { personId: 'b', shareBasisPoints: 3333 },
        { personId: 'c', shareBasisPoints: 3333 },
      ],
      null,
    ],
    [
      'shares 99.99%',
      'shares',
      [
        { personId: 'a', shareBasisPoints: 5000 },
        { personId: 'b', shareBasisPoints: 4999 },
      ],
      '按份共有的份额合计必须等于100%',
    ],
    [
      'shares over 100%',
      'shares',
      [
        { personId: 'a', shareBasisPoints: 6000 },
        { personId: 'b', shareBasisPoints: 5000 },
      ],
      '按份共有的份额合计必须等于100%',
    ],
    [
      'shares missing one share',
      'shares',
      [{ personId: 'a', shareBasisPoints: 10000 }, { personId: 'b' }],
      '按份共有的每个份额必须大于0且小于100%',
    ],
    ['duplicate holder', 'joint', [{ personId: 'a' }, { personId: 'a' }], '同一权利人不能重复登记'],
    ['nobody', 'sole', [], '权利人不能为空'],
  ] as const)('%s', (_l, co, holders, expected) => {
    expect(checkHolders(co, [...holders])).toBe(expected);
  });
});

describe("a unit's 专有 and 分摊 建筑面积", () => {
  const unit: Unit = {
    unitCode: '331002001001GB00029F00010002',
    countyCode: '331002',
    location: '台州市椒江区白云街道金色花园3幢1单元502室',
    use: '住宅',
    nature: '出让/商品房',
    buildingArea: 89.56,
    sharedLandArea: 20.1,
    structure: '钢筋混凝土结构',
    floor: 5,
    totalFloors: 11,
    landUseEndsOn: '2078-05-11',
  };
  const registered = (u: Unit) =>
    checkRegisterEvent({ type: 'unitRegistered', eventId: 'e', recordedAt: '', unit: u });
  it('add up to the building area, or are both absent', () => {
    expect(registered(unit)).toBeNull();
    expect(registered({ ...unit, exclusiveArea: 74.33, apportionedArea: 15.23 })).toBeNull();
    expect(registered({ ...unit, exclusiveArea: 74.33, apportionedArea: 15.24 })).toBe(
      '专有建筑面积与分摊建筑面积之和须等于房屋建筑面积',
    );
    expect(registered({ ...unit, exclusiveArea: 74.33 })).toBe(
      '专有建筑面积与分摊建筑面积须同时登记',
    );
  });
});

describe('projectRegister', () => {
  const unit: Unit = {
    unitCode: '331002001001GB00029F00010002',
    countyCode: '331002',
    location: '台州市椒江区白云街道金色花园3幢1单元502室',
    use: '住宅',
    nature: '出让/商品房',
    buildingArea: 89.56,
    sharedLandArea: 20.1,
    structure: '钢筋混凝土结构',
    floor: 5,
    totalFloors: 11,
    landUseEndsOn: '2078-05-11',
  };
  const cert = (
    id: string,
    issuedOn: string,
    serial: string,
    form: 'paper' | 'electronic',
  ): Certificate => ({
    certificateId: id,
    kind: 'titleCertificate',
    number: `浙(${issuedOn.slice(0, 4)})台州市不动产权第${serial}号`,
    unitCode: unit.unitCode,
    issuedOn,
    form,
    ...(form === 'electronic'
      ? { licenceId: '1.2.156.3005.2.11100000MB03271699001.331000.20260000001.001.X' }
      : {}),
  });
  const events: RegisterEvent[] = [
    { type: 'unitRegistered', eventId: 'e1', recordedAt: '2019-01-01T01:00:00.000Z', unit },
    {
      type: 'rightRecorded',
      eventId: 'e2',
      recordedAt: '2019-01-01T02:00:00.000Z',
      right: {
        rightId: 'r1',
        unitCode: unit.unitCode,
        rightType: '国有建设用地使用权/房屋所有权',
        coOwnership: 'sole',
        holders: [{ personId: 'seller' }],
        registeredOn: '2019-01-01',
        certificateId: 'c1',
      },
      certificate: cert('c1', '2019-01-01', '0000001', 'paper'),
    },
  ];
  const sale = (supersedes?: string): RegisterEvent => ({
    type: 'rightRecorded',
    eventId: 'e3',
    recordedAt: '2026-03-02T02:00:00.000Z',
    right: {
      rightId: 'r2',
      unitCode: unit.unitCode,
      rightType: '国有建设用地使用权/房屋所有权',
      coOwnership: 'shares',
      holders: [
        { personId: 'buyerA', shareBasisPoints: 5000 },
        { personId: 'buyerB', shareBasisPoints: 5000 },
      ],
      registeredOn: '2026-03-02',
      certificateId: 'c2',
    },
    certificate: cert('c2', '2026-03-02', '0000002', 'electronic'),
    ...(supersedes ? { supersedesRightId: supersedes } : {}),
  });

  it('a sale after the reform ends the old right and announces its paper certificate void', () => {
    const s = projectRegister([...events, sale('r1')]);
    expect(s.rights.get('r1')!.status).toBe('cancelled');
    expect(s.rights.get('r2')!.status).toBe('current');
    expect(s.certificates.get('c1')!.status).toBe('void');
    expect(s.certificates.get('c2')!.status).toBe('current');
  });

  it('refuses a second current right that does not supersede the first', () => {
    expect(() => projectRegister([...events, sale()])).toThrow(AppError);
  });

  it('refuses a right on an unknown unit and a duplicate unit', () => {
    expect(() => projectRegister([events[1]])).toThrow('不动产单元不存在');
    expect(() => projectRegister([events[0], { ...events[0], eventId: 'x' }])).toThrow(
      '不动产单元已登记',
    );
  });

  it('refuses a unit code outside Taizhou', () => {
    const outside = { ...unit, unitCode: '330102001001GB00029F00010002', countyCode: '330102' };
    expect(() => projectRegister([{ ...events[0], unit: outside } as RegisterEvent])).toThrow(
      '台州',
    );
  });
});
