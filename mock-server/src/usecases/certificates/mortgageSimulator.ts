/**
 * Simulator (SIMULATORS_ENABLED, for demos and tests only): a bank's mortgage 登簿 on a unit,
 * recorded as a restriction with its 不动产登记证明, so that wallets and verifications show a
 * mortgaged certificate without going through a mortgage case.
 */
import { beijingDate } from '../../domain/cases';
import { certificateIdentifiers, registryNameOf, serialKey } from '../../domain/documents';
import { validationFailed } from '../../domain/errors';
import type { CaseStore, Clock, RegisterRepository } from '../../ports';
import type { CertificateStore } from '../../ports/certificates';

/** the seeded bank that acts as mortgagee (统一社会信用代码) */
const SIMULATED_BANK_ID_NUMBER = '913310008775MMHQ8E';

export interface MortgageSimulatorDeps {
  cases: Pick<CaseStore, 'nextSerial' | 'maxCertificateSerial' | 'personByIdNumber'>;
  /** its transaction is the registry's: the proof's serial and the register entry go together */
  store: Pick<CertificateStore, 'transaction'>;
  register: Pick<RegisterRepository, 'unit' | 'append'>;
  clock: Clock;
  newId: (prefix: string) => string;
}

export class MortgageSimulator {
  constructor(private readonly deps: MortgageSimulatorDeps) {}

  async mortgage(unitCode: string, amountYuan = 500_000) {
    const { deps } = this;
    const view = await deps.register.unit(unitCode);
    if (!view?.right) throw validationFailed('该不动产单元没有现势权利，无法办理抵押');
    const at = deps.clock.now().toISOString();
    const registeredOn = beijingDate(at);
    const year = Number(registeredOn.slice(0, 4));
    const registryName = registryNameOf(unitCode);
    const bank = await deps.cases.personByIdNumber(SIMULATED_BANK_ID_NUMBER);
    if (!bank) throw validationFailed('模拟抵押权人不存在');
    return deps.store.transaction(async () => {
      const serial = await deps.cases.nextSerial(
        serialKey('registrationProof', year, registryName),
        () => deps.cases.maxCertificateSerial(`浙(${year})${registryName}不动产证明第`),
      );
      const ids = certificateIdentifiers({ kind: 'registrationProof', unitCode, year, serial });
      const restrictionId = deps.newId('RES');
      const certificateId = deps.newId('CERT');
      await deps.register.append([
        {
          eventId: deps.newId('EV'),
          type: 'restrictionRecorded',
          recordedAt: at,
          restriction: {
            kind: 'mortgage',
            restrictionId,
            unitCode,
            registeredOn,
            mortgageeId: bank.personId,
            mortgagorIds: view.right!.holders.map((h) => h.personId),
            mortgageType: '一般抵押',
            securedAmountYuan: amountYuan,
            debtStartsOn: registeredOn,
            debtEndsOn: `${year + 10}${registeredOn.slice(4)}`,
            certificateId,
          },
          certificate: {
            certificateId,
            kind: 'registrationProof',
            number: ids.number,
            unitCode,
            issuedOn: registeredOn,
            form: 'electronic',
            licenceId: ids.licenceId,
            proves: '抵押权',
          },
        },
      ]);
      return { restrictionId, proofNumber: ids.number };
    });
  }
}
