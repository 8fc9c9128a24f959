import {
  certificateVerifyPath,
  noticeBody,
  otherStateOf,
  qrCheckFrom,
  qrCheckIn,
} from '../../../mock-server/src/domain/documents';
import type { Unit } from '../../../mock-server/src/domain/register';

const notice = (deliveryChannel?: string) =>
  noticeBody({
    kind: 'acceptanceReceipt',
    number: '台不动产受〔2026〕第0000001号',
    issuedAt: '2026-03-02T01:00:00.000Z',
    issuedOn: '2026-03-02',
    caseNumber: '2026030200001',
    businessTypeName: '存量房买卖转移登记',
    unitCode: '331002001001GB00029F00010002',
    location: '台州市椒江区白云街道金色花园3幢1单元502室',
    addressees: ['应敏'],
    reasons: [],
    basis: [],
    ...(deliveryChannel ? { deliveryChannel } : {}),
  });

describe('the 受理凭证 names where results are delivered', () => {
  it('浙里办「掌上不动产」 by default, or the channel the deployment configured', () => {
    expect(notice().text).toContain('登记结果将通过浙里办「掌上不动产」送达。');
    expect(notice('浙江政务服务网「不动产登记」').text).toContain(
      '登记结果将通过浙江政务服务网「不动产登记」送达。',
    );
    expect(notice().text).not.toContain('“掌上不动产”');
  });
});

describe('权利其他状况', () => {
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
  it('carries the 专有 and 分摊 建筑面积 when the register holds them', () => {
    expect(otherStateOf({ ...unit, exclusiveArea: 74.3, apportionedArea: 15.26 })).toBe(
      '房屋结构：钢筋混凝土结构；房屋总层数：11层；所在层：5层；专有建筑面积：74.30㎡；分摊建筑面积：15.26㎡',
    );
    expect(otherStateOf(unit)).toBe('房屋结构：钢筋混凝土结构；房屋总层数：11层；所在层：5层');
  });
});

describe('the QR field of a certificate', () => {
  it('is the verify page with the certificate id and a 128-bit check; only that certificate’s check is read back', () => {
    const check = qrCheckFrom('QR-1');
    expect(check).toMatch(/^[0-9a-f]{32}$/);
    expect(qrCheckFrom('QR-2')).not.toBe(check);
    const qrCode = certificateVerifyPath('CERT-1', check);
    expect(qrCode).toBe(`/verify?c=CERT-1&check=${check}`);
    expect(qrCheckIn({ qrCode }, 'CERT-1')).toBe(check);
    expect(qrCheckIn({ qrCode }, 'CERT-2')).toBeUndefined();
    expect(
      qrCheckIn({ qrCode: '/api/v1/certificates/verify?licenceId=1.2.156' }, 'CERT-1'),
    ).toBeUndefined();
    expect(qrCheckIn({}, 'CERT-1')).toBeUndefined();
  });
});
