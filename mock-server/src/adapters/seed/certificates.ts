/** Numbers the demo certificates: serials per registry, year and kind; licences after the reform. */
import type { County } from '../../domain/counties';
import { licenceIssuerCode } from '../../domain/documents';
import {
  formatCertificateNumber,
  formatLicenceId,
  LICENCE_TYPE_REGISTRATION_PROOF,
  LICENCE_TYPE_TITLE_CERTIFICATE,
} from '../../domain/identifiers';
import { REFORM_DATE, type Certificate } from '../../domain/register';
import type { Dice } from './prng';

export class CertificateIssuer {
  private readonly serials = new Map<string, number>();
  private certSeq = 0;

  constructor(private readonly dice: Dice) {}

  /** A 不动产权证书 or 不动产登记证明; serials rise by a random step within a registry, year and kind. */
  issue(
    kind: 'titleCertificate' | 'registrationProof',
    county: County,
    unitCode: string,
    issuedOn: string,
    proves?: string,
  ): Certificate {
    const dice = this.dice;
    const year = Number(issuedOn.slice(0, 4));
    const key = `${county.registryName}|${year}|${kind}`;
    const serial = (this.serials.get(key) ?? dice.int(1000, 30000)) + dice.int(1, 40);
    this.serials.set(key, serial);
    const number = formatCertificateNumber({
      province: '浙',
      year,
      registryName: county.registryName,
      kind,
      serial,
    });
    const electronic = issuedOn >= REFORM_DATE;
    this.certSeq += 1;
    const issuerCode = licenceIssuerCode(unitCode);
    return {
      certificateId: `CERT${String(this.certSeq).padStart(4, '0')}`,
      kind,
      number,
      unitCode,
      issuedOn,
      form: electronic ? 'electronic' : 'paper',
      ...(electronic
        ? {
            licenceId: formatLicenceId({
              type:
                kind === 'titleCertificate'
                  ? LICENCE_TYPE_TITLE_CERTIFICATE
                  : LICENCE_TYPE_REGISTRATION_PROOF,
              issuerCode,
              serial: `${year}${String(serial).padStart(7, '0')}`,
              version: '001',
            }),
          }
        : {}),
      ...(proves ? { proves } : {}),
    };
  }

  /** An old-style paper 房屋所有权证 (before unified registration): its own number format. */
  oldHouseOwnership(county: County, unitCode: string, issuedOn: string): Certificate {
    this.certSeq += 1;
    return {
      certificateId: `CERT${String(this.certSeq).padStart(4, '0')}`,
      kind: 'oldHouseOwnershipCertificate',
      number: `台房权证${county.shortName}字第${String(this.dice.int(10000, 999999)).padStart(7, '0')}号`,
      unitCode,
      issuedOn,
      form: 'paper',
    };
  }
}
