/**
 * Electronic twins (细则 三(六)): every current pre-reform paper 不动产权证书 or
 * 不动产登记证明 gets an electronic certificate with the same fields, its GB/T 36904 licence id
 * and the registry's seal, stored as a document of that certificate. Re-running adds nothing.
 * Old-style 房屋所有权证 / 土地使用权证 / 他项权证 get none: they are reported with the reason.
 */
import type { Certificate, CertificateKind } from '../../domain/register';
import { isOldStyle, isPreReform } from '../../domain/register';
import { parseCertificateNumber } from '../../domain/identifiers';
import { certificateIdentifiers, titleCertificateBody } from '../../domain/documents';
import type { Sealer } from '../../ports';
import type { Db } from './database';
import { runProgramNow } from '../sql/program';
import { readPerson } from './partyDirectory';
import { readUnit } from './registerPrograms';

export const OLD_STYLE_REASON =
  '旧版权属证书（房屋所有权证、土地使用权证、他项权证）不生成电子证照（细则 三(六)）；' +
  '权利人可申请换发不动产权证书后取得电子证照';

export interface TwinsReport {
  created: { certificateNumber: string; licenceId: string }[];
  alreadyHad: number;
  none: { certificateNumber: string; kind: CertificateKind; reason: string }[];
}

export function issueElectronicTwins(
  db: Db,
  sealer: Sealer,
  now: () => Date,
  newId: () => string,
): TwinsReport {
  const rows = db
    .prepare(
      `SELECT c.*, (SELECT 1 FROM electronic_twins t WHERE t.certificate_id = c.certificate_id) AS twin
         FROM certificates c WHERE c.form = 'paper' AND c.status = 'current' ORDER BY c.number`,
    )
    .all() as (Omit<Certificate, 'certificateId' | 'unitCode' | 'issuedOn'> & {
    certificate_id: string;
    unit_code: string;
    issued_on: string;
    proves: string | null;
    twin: number | null;
  })[];
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
    const view = runProgramNow(db, readUnit(r.unit_code));
    if (!view) continue;
    const at = now().toISOString();
    const body =
      r.kind === 'titleCertificate' && view.right?.certificateId === r.certificate_id
        ? titleCertificateBody({
            number: r.number,
            licenceId: ids.licenceId,
            issuedAt: at,
            registeredOn: view.right.registeredOn,
            unit: view.unit,
            rightType: view.right.rightType,
            coOwnership: view.right.coOwnership,
            holders: view.right.holders,
            nameOf: (id) => runProgramNow(db, readPerson(id))?.name ?? id,
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
    db.transaction(() => {
      db.prepare(
        `INSERT INTO documents (document_id, kind, number, case_id, certificate_id, issued_at, body_json, seal_json)
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`,
      ).run(
        documentId,
        r.kind,
        r.number,
        r.certificate_id,
        at,
        JSON.stringify(sealed.body),
        JSON.stringify(sealed.seal),
      );
      db.prepare(
        'INSERT INTO electronic_twins (certificate_id, licence_id, document_id, created_at) VALUES (?, ?, ?, ?)',
      ).run(r.certificate_id, ids.licenceId, documentId, at);
    }).immediate();
    report.created.push({ certificateNumber: r.number, licenceId: ids.licenceId });
  }
  return report;
}
