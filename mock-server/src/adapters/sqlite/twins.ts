/**
 * Electronic twins (细则 三(六)): every current pre-reform paper 不动产权证书 or
 * 不动产登记证明 gets an electronic certificate with the same fields, its GB/T 36904 licence id
 * and the registry's seal, stored as a document of that certificate. Re-running adds nothing.
 * Old-style 房屋所有权证 / 土地使用权证 / 他项权证 get none: they are reported with the reason.
 *
 * Written on SqlDb (the embedded file or PostgreSQL). Each twin is stored in one write
 * transaction that first looks for a twin of the certificate, so two runs at once still give a
 * certificate one twin.
 */
import type { Certificate, CertificateKind } from '../../domain/register';
import { isOldStyle, isPreReform } from '../../domain/register';
import { parseCertificateNumber } from '../../domain/identifiers';
import { certificateIdentifiers, titleCertificateBody } from '../../domain/documents';
import type { PartyDirectory, RegisterRepository, Sealer } from '../../ports';
import type { SqlDb } from '../sql/types';

export const OLD_STYLE_REASON =
  '旧版权属证书（房屋所有权证、土地使用权证、他项权证）不生成电子证照（细则 三(六)）；' +
  '权利人可申请换发不动产权证书后取得电子证照';

export interface TwinsReport {
  created: { certificateNumber: string; licenceId: string }[];
  alreadyHad: number;
  none: { certificateNumber: string; kind: CertificateKind; reason: string }[];
}

export interface ElectronicTwinsDeps {
  db: SqlDb;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  sealer: Sealer;
  now: () => Date;
  newId: () => string;
}

type PaperRow = Omit<Certificate, 'certificateId' | 'unitCode' | 'issuedOn'> & {
  certificate_id: string;
  unit_code: string;
  issued_on: string;
  proves: string | null;
  twin: number | null;
};

export async function issueElectronicTwins(deps: ElectronicTwinsDeps): Promise<TwinsReport> {
  const { db, register, parties, sealer, now, newId } = deps;
  const rows = await db.all<PaperRow>(
    `SELECT c.*, (SELECT 1 FROM electronic_twins t WHERE t.certificate_id = c.certificate_id) AS twin
       FROM certificates c WHERE c.form = 'paper' AND c.status = 'current' ORDER BY c.number`,
  );
  const report: TwinsReport = { created: [], alreadyHad: 0, none: [] };
  for (const r of rows) {
    if (r.twin) {
      report.alreadyHad += 1;
      continue;
    }
    if (isOldStyle(r.kind)) {
      report.none.push({ certificateNumber: r.number, kind: r.kind, reason: OLD_STYLE_REASON });
      continue;
    }
    if (!isPreReform(r.issued_on)) continue; // issued under the reform: never paper-only
    const parsed = parseCertificateNumber(r.number);
    if (!parsed.ok || (r.kind !== 'titleCertificate' && r.kind !== 'registrationProof')) {
      report.none.push({ certificateNumber: r.number, kind: r.kind, reason: '证书号无法识别' });
      continue;
    }
    const ids = certificateIdentifiers({
      kind: r.kind,
      unitCode: r.unit_code,
      year: Number(parsed.value.year),
      serial: Number(parsed.value.serial),
    });
    const view = await register.unit(r.unit_code);
    if (!view) continue;
    const at = now().toISOString();
    const right =
      r.kind === 'titleCertificate' && view.right?.certificateId === r.certificate_id
        ? view.right
        : undefined;
    // the holders' names, read before the pure body is built
    const names = new Map<string, string>();
    for (const h of right?.holders ?? [])
      names.set(h.personId, (await parties.person(h.personId))?.name ?? h.personId);
    const body = right
      ? titleCertificateBody({
          number: r.number,
          licenceId: ids.licenceId,
          issuedAt: at,
          registeredOn: right.registeredOn,
          unit: view.unit,
          rightType: right.rightType,
          coOwnership: right.coOwnership,
          holders: right.holders,
          nameOf: (id) => names.get(id) ?? id,
          caseNumber: '',
        })
      : {
          documentType: 'registrationProof',
          title: '不动产登记证明',
          number: r.number,
          licenceId: ids.licenceId,
          issuedAt: at,
          registeredOn: r.issued_on,
          proves: r.proves ?? '',
          location: view.unit.location,
          unitCode: r.unit_code,
        };
    const sealed = sealer.seal({ ...body, electronicTwinOf: r.number, paperIssuedOn: r.issued_on });
    const documentId = `DOC-${newId()}`;
    const created = await db.transaction(async (tx) => {
      // another run may have twinned it since the list was read
      if (
        await tx.get('SELECT 1 AS one FROM electronic_twins WHERE certificate_id = ?', [
          r.certificate_id,
        ])
      )
        return false;
      await tx.run(
        `INSERT INTO documents (document_id, kind, number, case_id, certificate_id, issued_at, body_json, seal_json)
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`,
        [
          documentId,
          r.kind,
          r.number,
          r.certificate_id,
          at,
          JSON.stringify(sealed.body),
          JSON.stringify(sealed.seal),
        ],
      );
      await tx.run(
        'INSERT INTO electronic_twins (certificate_id, licence_id, document_id, created_at) VALUES (?, ?, ?, ?)',
        [r.certificate_id, ids.licenceId, documentId, at],
      );
      return true;
    });
    if (created) report.created.push({ certificateNumber: r.number, licenceId: ids.licenceId });
    else report.alreadyHad += 1;
  }
  return report;
}
