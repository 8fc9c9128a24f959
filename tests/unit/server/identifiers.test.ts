import {
  canonicalCertificateNumber,
  checkCitizenId,
  checkLicenceId,
  checkUnitCode,
  citizenIdCheckChar,
  formatCertificateNumber,
  formatLicenceId,
  formatUnitCode,
  isValidCitizenId,
  isValidLicenceId,
  isValidUnitCode,
  isValidUscc,
  licenceIdCheckChar,
  LICENCE_TYPE_REGISTRATION_PROOF,
  LICENCE_TYPE_TITLE_CERTIFICATE,
  mod3736CheckChar,
  parseCertificateNumber,
  usccCheckChar,
} from '../../../mock-server/src/domain/identifiers';
import { TAIZHOU_COUNTIES, isTaizhouCounty } from '../../../mock-server/src/domain/counties';

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the known valid number of GB 11643 and reads its parts', () => {
    const r = checkCitizenId('11010519491231002X');
    expect(r).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        areaCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
  });

  it('computes the check character X for the known answer', () => {
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
  });

  it('normalises a lowercase x', () => {
    expect(isValidCitizenId('11010519491231002x')).toBe(true);
  });

  it.each([
    ['wrong check character', '110105194912310021'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['letter inside', '1101051949123A002X'],
    ['impossible date 1949-02-30', `11010519490230002${citizenIdCheckChar('11010519490230002')}`],
    ['not a leap year 2023-02-29', `33100220230229001${citizenIdCheckChar('33100220230229001')}`],
    ['area code starting with 0', `01010519491231002${citizenIdCheckChar('01010519491231002')}`],
  ])('rejects %s', (_label, id) => {
    expect(isValidCitizenId(id)).toBe(false);
  });

  it('accepts 29 February in a leap year and tells the sex by the 17th digit', () => {
    const first17 = '33100220000229001';
    const r = checkCitizenId(first17 + citizenIdCheckChar(first17));
    expect(r.ok && r.value.sex).toBe('male');
  });

  it('rejects a birth date after `today` when today is given', () => {
    const first17 = '33100220300101002';
    const id = first17 + citizenIdCheckChar(first17);
    expect(checkCitizenId(id).ok).toBe(true);
    expect(checkCitizenId(id, '2026-11-29').ok).toBe(false);
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(['11100000MB03271699', '91350100M000100Y43'])(
    'accepts the known valid code %s',
    (code) => {
      expect(isValidUscc(code)).toBe(true);
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    },
  );

  it.each([
    ['wrong check character', '11100000MB03271698'],
    ['forbidden letter I', '11100000MI03271699'],
    ['forbidden letter O', '9135010OM000100Y43'],
    ['too short', '11100000MB0327169'],
  ])('rejects %s', (_l, code) => {
    expect(isValidUscc(code)).toBe(false);
  });
});

describe('不动产单元号 (GB/T 37346)', () => {
  const good = '331002001001GB00029F00010002';

  it('parses the structure of a valid 28-character code', () => {
    const r = checkUnitCode(good, { taizhouOnly: true });
    expect(r).toEqual({
      ok: true,
      value: {
        unitCode: good,
        countyCode: '331002',
        cadastralDistrict: '001',
        subDistrict: '001',
        landOwnership: 'G',
        parcelType: 'B',
        parcelNumber: '00029',
        attachmentCode: 'F',
        attachmentUnitNumber: '00010002',
      },
    });
  });

  it('prints and re-reads the display grouping', () => {
    expect(formatUnitCode(good)).toBe('331002001001 GB00029 F00010002');
    expect(isValidUnitCode('331002001001 GB00029 F00010002')).toBe(true);
  });

  it('knows the nine Taizhou counties', () => {
    expect(TAIZHOU_COUNTIES.map((c) => c.code)).toEqual([
      '331002',
      '331003',
      '331004',
      '331022',
      '331023',
      '331024',
      '331081',
      '331082',
      '331083',
    ]);
    expect(isTaizhouCounty('331021')).toBe(false);
  });

  it('accepts a code outside Taizhou unless taizhouOnly is asked', () => {
    const hangzhou = '330102001001GB00029F00010002';
    expect(isValidUnitCode(hangzhou)).toBe(true);
    expect(isValidUnitCode(hangzhou, { taizhouOnly: true })).toBe(false);
  });

  it('accepts a parcel without attachment only with W00000000', () => {
    expect(isValidUnitCode('331002001001GB00029W00000000')).toBe(true);
    expect(isValidUnitCode('331002001001GB00029W00000001')).toBe(false);
  });

  it.each([
    ['27 characters', good.slice(0, 27)],
    ['bad ownership letter', '331002001001XB00029F00010002'],
    ['bad parcel type letter', '331002001001GZ00029F00010002'],
    ['parcel number 00000', '331002001001GB00000F00010002'],
    ['bad attachment code', '331002001001GB00029K00010002'],
    ['letters in the district', '331002A01001GB00029F00010002'],
    ['letters in the attachment number', '331002001001GB00029F0001000A'],
  ])('rejects %s', (_l, code) => {
    expect(isValidUnitCode(code)).toBe(false);
  });
});

describe('不动产权证书号 / 不动产证明号', () => {
  it('formats the national form with half-width brackets', () => {
    expect(
      formatCertificateNumber({
        province: '浙',
        year: 2026,
        registryName: '台州市',
        kind: 'titleCertificate',
        serial: 1234,
      }),
    ).toBe('浙(2026)台州市不动产权第0001234号');
    expect(
      formatCertificateNumber({
        province: '浙',
        year: 2023,
        registryName: '温岭市',
        kind: 'registrationProof',
        serial: 88,
      }),
    ).toBe('浙(2023)温岭市不动产证明第0000088号');
  });

  it('parses half- and full-width brackets alike', () => {
    const expected = {
      province: '浙',
      year: 2026,
      registryName: '台州市',
      kind: 'titleCertificate',
      serial: '0001234',
    };
    expect(parseCertificateNumber('浙(2026)台州市不动产权第0001234号')).toEqual({
      ok: true,
      value: expected,
    });
    expect(parseCertificateNumber('浙（2026）台州市不动产权第0001234号')).toEqual({
      ok: true,
      value: expected,
    });
    expect(canonicalCertificateNumber('浙（2026）台州市不动产权第0001234号')).toBe(
      '浙(2026)台州市不动产权第0001234号',
    );
  });

  it('reads a registration proof', () => {
    const r = parseCertificateNumber('浙(2024)临海市不动产证明第0012345号');
    expect(r.ok && r.value.kind).toBe('registrationProof');
  });

  it.each([
    '浙2026台州市不动产权第0001234号',
    '浙(26)台州市不动产权第0001234号',
    'X(2026)台州市不动产权第0001234号',
    '浙(2026)台州市不动产权第号',
    '浙(2026)台州市房产证第0001234号',
    '台房权证椒字第0012345号',
  ])('rejects %s', (n) => {
    expect(parseCertificateNumber(n).ok).toBe(false);
  });

  it('refuses a serial that does not fit the configured length', () => {
    expect(() =>
      formatCertificateNumber({
        province: '浙',
        year: 2026,
        registryName: '台州市',
        kind: 'titleCertificate',
        serial: 12345678,
      }),
    ).toThrow(RangeError);
    expect(
      formatCertificateNumber({
        province: '浙',
        year: 2026,
        registryName: '台州市',
        kind: 'titleCertificate',
        serial: 12345678,
        serialLength: 8,
      }),
    ).toBe('浙(2026)台州市不动产权第12345678号');
  });
});

describe('证照标识 (GB/T 36904, ISO/IEC 7064 MOD 37,36)', () => {
  it('gives 9 for the first known answer', () => {
    expect(
      licenceIdCheckChar({
        type: '11100000MB03271699022',
        issuerCode: '340100',
        serial: '000000016',
        version: '001',
      }),
    ).toBe('9');
  });

  it('gives U for the second known answer', () => {
    expect(
      licenceIdCheckChar({
        type: '11100000000013338W011',
        issuerCode: '11430000006122244L',
        serial: '20230000403',
        version: '001',
      }),
    ).toBe('U');
  });

  it('formats and validates a full identifier', () => {
    const id = formatLicenceId({
      type: LICENCE_TYPE_REGISTRATION_PROOF,
      issuerCode: '340100',
      serial: '000000016',
      version: '001',
    });
    expect(id).toBe('1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9');
    expect(isValidLicenceId(id)).toBe(true);
    expect(checkLicenceId(id)).toMatchObject({
      ok: true,
      value: { issuerCode: '340100', check: '9' },
    });
  });

  it('detects any single changed character and a wrong prefix', () => {
    const id = formatLicenceId({
      type: LICENCE_TYPE_TITLE_CERTIFICATE,
      issuerCode: '331000',
      serial: '20260001234',
      version: '001',
    });
    expect(isValidLicenceId(id)).toBe(true);
    expect(isValidLicenceId(id.replace('.331000.', '.331001.'))).toBe(false);
    expect(isValidLicenceId(id.replace('1.2.156.3005.2.', '1.2.156.3005.3.'))).toBe(false);
    expect(isValidLicenceId(id.slice(0, -1) + (id.endsWith('0') ? '1' : '0'))).toBe(false);
  });

  it('detects every adjacent transposition in a data string (a property of MOD 37,36)', () => {
    const data = '11100000MB03271699022340100000000016001';
    const check = mod3736CheckChar(data);
    for (let i = 0; i < data.length - 1; i++) {
      if (data[i] === data[i + 1]) continue;
      const swapped = data.slice(0, i) + data[i + 1] + data[i] + data.slice(i + 2);
      expect(mod3736CheckChar(swapped)).not.toBe(check);
    }
  });
});
