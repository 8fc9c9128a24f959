/**
 * E-certificates in the holder's hand: the wallet (certificates held alone or jointly,
 * electronic twins made on first sight, holdings proofs, old-style certificates explained),
 * presentations sealed by the registry, verification by anyone with the status *now*, the
 * holder's verification log, and holdings proofs.
 */
import { beijingDate } from '../../domain/cases';
import {
  certificatePrint,
  checkDetached,
  DETACHED_CHECK_MESSAGES,
  formatHoldingsProofNumber,
  holdingsProofBody,
  printCheckValue,
  printVerifyUrl,
  twinCertificateBody,
  type DetachedSignature,
} from '../../domain/certificates';
import {
  type TitleCertificateBody,
  certificateIdentifiers,
  registryNameOf,
  serialKey,
  type SealedDocument,
} from '../../domain/documents';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import { maskName } from '../../domain/masking';
import {
  checkPresentationToken,
  disclosedFieldNames,
  discloseFields,
  extractToken,
  MAX_TOKEN_LIFETIME_SECONDS,
  PRESENTATION_MESSAGES,
  statusSummary,
  type CertificateStatusNow,
  type DisclosedField,
  type PresentationClaims,
  type PresentationErrorCode,
  type PresentationView,
  type PresentedKind,
} from '../../domain/presentation';
import { eventUnitCode, isOldStyle, type CertificateKind } from '../../domain/register';
import type {
  CaseStore,
  Clock,
  HeldCertificate,
  PartyDirectory,
  RegisterRepository,
} from '../../ports';
import type {
  CertificatePdfRenderer,
  CertificateStore,
  PresentationRecord,
  PresentationSigner,
  VerificationRecord,
} from '../../ports/certificates';

export const presentationError = (code: PresentationErrorCode) =>
  new AppError(code, PRESENTATION_MESSAGES[code]);

export const DEFAULT_ALLOWANCE = 3;
export const VERIFY_PATH = '/verify';

export const OLD_STYLE_EXPLANATION =
  '旧版房屋所有权证、土地使用权证和他项权证不制作电子证照（改革细则）。纸质证书继续有效；办理转移、变更等登记后将换发电子不动产权证书。';

export interface CertificateDeps {
  store: CertificateStore;
  cases: CaseStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  signer: PresentationSigner;
  clock: Clock;
  newId: (prefix: string) => string;
  /** 6 random digits */
  newCode: () => string;
  /** 16 random bytes, hex */
  newNonce: () => string;
  /** lifetime of a presentation, ≤ 300 s */
  ttlSeconds: number;
  allowance?: number;
  /** the printable PDF */
  pdf: CertificatePdfRenderer;
}

/** how far back a print time may be named (so the .pdf and its .sig can be fetched apart) */
export const PRINT_TIME_WINDOW_MS = 15 * 60_000;
export const PDF_FILE_NAME = 'certificate.pdf';

export interface Person {
  personId: string;
  name: string;
}

export interface StatusNowView {
  certificate: CertificateStatusNow;
  restrictions: string[];
  summary: string;
}

export interface WalletItemView {
  id: string;
  kind: 'titleCertificate' | 'holdingsProof' | 'oldStyle';
  title: string;
  number: string;
  issuedOn: string;
  location?: string;
  unitCode?: string;
  licenceId?: string;
  form: string;
  status: StatusNowView;
  coOwned: boolean;
  presentable: boolean;
  explanation?: string;
  document?: SealedDocument;
}

export interface VerificationLogView {
  verifiedAt: string;
  verifierKind: 'app' | 'web';
  verifier: string;
  via: 'qr' | 'code';
  view: PresentationView;
}

export interface VerificationView {
  outcome: 'valid';
  verifiedAt: string;
  seal: { valid: true; keyId: string; algorithm: string };
  document: { kind: string; title: string };
  view: PresentationView;
  fields: DisclosedField[];
  status: StatusNowView;
  presentation: { issuedAt: string; expiresAt: string; usesLeft: number };
  message: string;
}

const RESTRICTION_KINDS = ['mortgage', 'seizure', 'objection', 'advanceNotice'];
const OLD_STYLE_TITLES: Partial<Record<CertificateKind, string>> = {
  oldHouseOwnershipCertificate: '房屋所有权证（旧版）',
  oldLandUseCertificate: '土地使用权证（旧版）',
  oldOtherRightsCertificate: '他项权证（旧版）',
};
const RESTRICTION_NAMES: Record<string, string> = {
  mortgage: '抵押',
  seizure: '查封',
  objection: '异议',
  advanceNotice: '预告',
};

export class CertificateService {
  private readonly allowance: number;

  constructor(private readonly deps: CertificateDeps) {
    if (deps.ttlSeconds < 1 || deps.ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new RangeError('presentation lifetime must be 1–300 s');
    }
    this.allowance = deps.allowance ?? DEFAULT_ALLOWANCE;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  get publicKeyHex(): string {
    return this.deps.signer.publicKeyHex;
  }

  // ------------------------------------------------------------ status now

  /** The certificate's status in the register at this moment, with the unit's restrictions. */
  statusOf(certificateId: string): StatusNowView {
    const row = this.deps.store.certificateRow(certificateId);
    const certificate = (row?.status ?? 'cancelled') as CertificateStatusNow;
    const restrictions =
      certificate === 'current' && row
        ? [
            ...new Set(
              (this.deps.register.unit(row.unitCode)?.restrictions ?? [])
                .map((r) => r.kind)
                .filter((k) => RESTRICTION_KINDS.includes(k)),
            ),
          ]
        : [];
    return { certificate, restrictions, summary: statusSummary(certificate, restrictions) };
  }

  // ------------------------------------------------------------ wallet

  /** The sealed document of a certificate, making the electronic twin when there is none yet. */
  private documentOf(c: HeldCertificate): SealedDocument | undefined {
    const existing = this.deps.cases.documentOfCertificate(c.certificateId);
    if (existing) return existing.document;
    if (c.status !== 'current' || isOldStyle(c.kind as CertificateKind)) return undefined;
    return this.deps.cases.transaction(() => {
      const again = this.deps.cases.documentOfCertificate(c.certificateId);
      if (again) return again.document;
      const right = this.deps.store.rightOfCertificate(c.certificateId);
      const view = this.deps.register.unit(c.unitCode);
      if (!right || !view) return undefined;
      const at = this.now().toISOString();
      const body = twinCertificateBody({
        certificate: {
          certificateId: c.certificateId,
          kind: c.kind as CertificateKind,
          number: c.number,
          unitCode: c.unitCode,
          issuedOn: c.issuedOn,
          form: c.form as 'paper' | 'electronic',
          ...(c.licenceId ? { licenceId: c.licenceId } : {}),
          status: 'current',
        },
        unit: view.unit,
        rightType: right.rightType,
        coOwnership: right.coOwnership,
        holders: right.holders,
        nameOf: (id) => this.deps.parties.person(id)?.name ?? id,
        madeAt: at,
      });
      if (!body) return undefined;
      const document = this.deps.signer.seal(body) as unknown as SealedDocument;
      this.deps.cases.saveDocument({
        documentId: this.deps.newId('DOC'),
        kind: 'titleCertificate',
        number: c.number,
        certificateId: c.certificateId,
        issuedAt: at,
        document,
      });
      return document;
    });
  }

  private certificateItem(c: HeldCertificate): WalletItemView {
    const right = this.deps.store.rightOfCertificate(c.certificateId);
    const coOwned = (right?.holders.length ?? 1) > 1;
    const base = {
      id: c.certificateId,
      number: c.number,
      issuedOn: c.issuedOn,
      location: c.location,
      unitCode: c.unitCode,
      coOwned,
      status: this.statusOf(c.certificateId),
    };
    if (isOldStyle(c.kind as CertificateKind)) {
      return {
        ...base,
        kind: 'oldStyle',
        title: OLD_STYLE_TITLES[c.kind as CertificateKind] ?? '旧版权属证书',
        form: 'paper',
        presentable: false,
        explanation: OLD_STYLE_EXPLANATION,
      };
    }
    const document = this.documentOf(c);
    const body = (document?.body ?? {}) as { licenceId?: string };
    const current = base.status.certificate === 'current';
    return {
      ...base,
      kind: 'titleCertificate',
      title: '不动产权证书',
      form: document && c.form === 'paper' ? 'paper+electronic' : c.form,
      ...((c.licenceId ?? body.licenceId) ? { licenceId: c.licenceId ?? body.licenceId } : {}),
      presentable: current && Boolean(document),
      ...(current
        ? c.form === 'paper' && document
          ? { explanation: '改革前核发的纸质证书，登记机构已制作电子证照，可出示和核验。' }
          : {}
        : {
            explanation:
              base.status.certificate === 'void'
                ? '该纸质证书已公告作废，不能再使用。'
                : '该证书已注销（权利已转移或变更），不能再出示。',
          }),
      ...(document ? { document } : {}),
    };
  }

  wallet(caller: Person): WalletItemView[] {
    const certificates = this.deps.cases
      .certificatesOf(caller.personId)
      .map((c) => this.certificateItem(c));
    const proofs = this.deps.store.holdingsProofsOf(caller.personId).map((p): WalletItemView => ({
      id: p.proofId,
      kind: 'holdingsProof',
      title: '不动产权属查询证明',
      number: p.number,
      issuedOn: beijingDate(p.issuedAt),
      form: 'electronic',
      status: { certificate: 'current', restrictions: [], summary: '有效（反映出具时的登记状况）' },
      coOwned: false,
      presentable: true,
      document: p.document,
    }));
    return [...certificates, ...proofs];
  }

  private item(caller: Person, itemId: string): WalletItemView {
    const item = this.wallet(caller).find((i) => i.id === itemId);
    if (!item) throw notFound('证照不存在');
    return item;
  }

  walletItem(caller: Person, itemId: string) {
    const item = this.item(caller, itemId);
    return {
      item,
      history: item.kind === 'holdingsProof' ? [] : this.history(item),
      verifications: this.verificationLog(caller, itemId),
    };
  }

  /** Register entries of the unit from the certificate's issue on, in words. */
  private history(item: WalletItemView): { at: string; text: string }[] {
    if (!item.unitCode) return [];
    const restrictionNames = new Map<string, string>();
    const out: { at: string; text: string }[] = [];
    for (const { event: e } of this.deps.register.events()) {
      if (e.type === 'restrictionRecorded' && e.restriction.unitCode === item.unitCode) {
        restrictionNames.set(e.restriction.restrictionId, RESTRICTION_NAMES[e.restriction.kind]);
      }
      const unit: string | undefined =
        e.type === 'restrictionCancelled'
          ? restrictionNames.has(e.restrictionId)
            ? item.unitCode
            : undefined
          : eventUnitCode(e);
      if (unit !== item.unitCode || e.recordedAt.slice(0, 10) < item.issuedOn) continue;
      const at = e.recordedAt;
      if (e.type === 'rightRecorded') {
        out.push({
          at,
          text:
            e.certificate.number === item.number
              ? `登簿，核发本证书（${e.certificate.number}）`
              : `权利转移或变更，核发新证书（${e.certificate.number}）`,
        });
      } else if (e.type === 'restrictionRecorded') {
        out.push({ at, text: `${RESTRICTION_NAMES[e.restriction.kind]}登记` });
      } else if (e.type === 'restrictionCancelled') {
        out.push({ at, text: `注销${restrictionNames.get(e.restrictionId)}登记` });
      }
    }
    return out;
  }

  verificationLog(caller: Person, itemId: string): VerificationLogView[] {
    return this.deps.store.verificationsOf(itemId, caller.personId).map((v) => ({
      verifiedAt: v.verifiedAt,
      verifierKind: v.verifierKind,
      verifier: v.verifierDisplay,
      via: v.via,
      view: v.view,
    }));
  }

  // ------------------------------------------------------------ present

  present(caller: Person, itemId: string, view: PresentationView) {
    const item = this.item(caller, itemId);
    if (!item.presentable || item.kind === 'oldStyle') throw presentationError('NOT_PRESENTABLE');
    const kind: PresentedKind = item.kind;
    const now = this.now();
    const issuedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.deps.ttlSeconds * 1000).toISOString();
    const presentationId = this.deps.newId('PRES');
    const fields = disclosedFieldNames(kind, view);
    const claims: PresentationClaims = {
      v: 1,
      typ: 'estate-presentation',
      kid: this.deps.signer.keyId,
      pid: presentationId,
      sub: item.id,
      kind,
      view,
      fields,
      nonce: this.deps.newNonce(),
      iat: issuedAt,
      exp: expiresAt,
      uses: this.allowance,
    };
    const token = this.deps.signer.signToken(claims);
    const record = this.deps.store.transaction((): PresentationRecord => {
      let code = this.deps.newCode();
      for (let i = 0; i < 20 && this.deps.store.presentationByCode(code, issuedAt); i++) {
        code = this.deps.newCode();
      }
      const p: PresentationRecord = {
        presentationId,
        itemId: item.id,
        itemKind: kind,
        holderPersonId: caller.personId,
        view,
        code,
        nonce: claims.nonce,
        token,
        issuedAt,
        expiresAt,
        allowance: this.allowance,
        uses: 0,
      };
      this.deps.store.savePresentation(p);
      return p;
    });
    return {
      presentationId,
      token,
      verifyPath: VERIFY_PATH,
      code: record.code,
      view,
      fields,
      issuedAt,
      expiresAt,
      refreshAfterSeconds: Math.max(1, Math.min(60, Math.floor(this.deps.ttlSeconds / 2))),
      allowance: this.allowance,
    };
  }

  // ------------------------------------------------------------ verify

  /**
   * Verifies a presentation: first its seal and lifetime offline (registry public key only),
   * then, at the registry, that it was issued and has uses left, and the status now. Every
   * successful verification is logged for the holder.
   */
  verify(
    input: { token: string } | { code: string },
    verifier: Person | undefined,
  ): VerificationView {
    const now = this.now();
    const at = now.toISOString();
    let token: string | undefined;
    let via: 'qr' | 'code';
    if ('code' in input) {
      via = 'code';
      token = this.deps.store.presentationByCode(input.code, at)?.token;
      if (!token) throw presentationError('VERIFY_CODE_NOT_FOUND');
    } else {
      via = 'qr';
      token = extractToken(input.token);
      if (!token) throw presentationError('TOKEN_MALFORMED');
    }
    const check = checkPresentationToken(token, this.deps.signer.publicKeyHex, now);
    if (!check.ok) throw presentationError(check.code);
    const claims = check.claims;
    const p = this.deps.store.presentation(claims.pid);
    if (!p || p.nonce !== claims.nonce || p.itemId !== claims.sub || p.token !== token) {
      throw presentationError('PRESENTATION_UNKNOWN');
    }
    const document = this.documentForVerification(claims);
    const status: StatusNowView =
      claims.kind === 'holdingsProof'
        ? { certificate: 'current', restrictions: [], summary: '有效（反映出具时的登记状况）' }
        : this.statusOf(claims.sub);
    const usesLeft = this.deps.store.transaction(() => {
      if (!this.deps.store.useOnce(p.presentationId)) throw presentationError('TOKEN_USED_UP');
      const log: VerificationRecord = {
        presentationId: p.presentationId,
        itemId: p.itemId,
        holderPersonId: p.holderPersonId,
        verifiedAt: at,
        verifierKind: verifier ? 'app' : 'web',
        ...(verifier ? { verifierPersonId: verifier.personId } : {}),
        verifierDisplay: verifier ? `App 用户 ${maskName(verifier.name)}` : '网页核验',
        via,
        view: claims.view,
      };
      this.deps.store.logVerification(log);
      return p.allowance - p.uses - 1;
    });
    const body = document.body as Record<string, unknown>;
    return {
      outcome: 'valid',
      verifiedAt: at,
      seal: { valid: true, keyId: claims.kid, algorithm: 'SM2-with-SM3' },
      document: {
        kind: claims.kind,
        title: claims.kind === 'holdingsProof' ? '不动产权属查询证明' : '不动产权证书',
      },
      view: claims.view,
      fields: discloseFields(claims.kind, claims.view, claims.fields, body),
      status,
      presentation: { issuedAt: claims.iat, expiresAt: claims.exp, usesLeft },
      message:
        status.certificate === 'current'
          ? `电子印章有效，证照真实。当前状态：${status.summary}`
          : `电子印章有效，但该证照${status.summary}，不能作为现势权利的证明`,
    };
  }

  private documentForVerification(claims: PresentationClaims): SealedDocument {
    if (claims.kind === 'holdingsProof') {
      const p = this.deps.store.holdingsProof(claims.sub);
      if (!p) throw presentationError('PRESENTATION_UNKNOWN');
      return p.document;
    }
    const d = this.deps.cases.documentOfCertificate(claims.sub);
    if (!d) throw presentationError('PRESENTATION_UNKNOWN');
    return d.document;
  }

  // ------------------------------------------------------------ print (PDF)

  /** The print time: the minute named (within the last 15 minutes) or this minute. */
  private printTime(at: string | undefined): string {
    const now = this.now().getTime();
    const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
    if (at === undefined) return minute(now);
    const t = Date.parse(at);
    if (!Number.isFinite(t) || t > now || t < now - PRINT_TIME_WINDOW_MS) {
      throw presentationError('PRINT_TIME_INVALID');
    }
    return minute(t);
  }

  /**
   * The printable PDF of a certificate the caller holds (co-owners included): the same bytes for
   * the same certificate, status and print minute.
   */
  certificatePdf(
    caller: Person,
    itemId: string,
    origin: string,
    at?: string,
  ): { bytes: Uint8Array; printedAt: string; fileName: string } {
    const item = this.item(caller, itemId);
    if (item.kind !== 'titleCertificate' || !item.document)
      throw presentationError('NOT_PRINTABLE');
    const printedAt = this.printTime(at);
    const doc = item.document as unknown as SealedDocument<TitleCertificateBody>;
    const check = printCheckValue(doc.seal.signature);
    const bytes = this.deps.pdf.render(
      certificatePrint({
        body: doc.body,
        sealDigest: doc.seal.digest,
        status: item.status,
        verifyUrl: printVerifyUrl(origin, item.id, check),
        printedAt,
      }),
    );
    return { bytes, printedAt, fileName: PDF_FILE_NAME };
  }

  /** `certificate.pdf.sig`: the registry's detached signature over those exact bytes. */
  certificatePdfSignature(
    caller: Person,
    itemId: string,
    origin: string,
    at?: string,
  ): DetachedSignature & { printedAt: string } {
    const pdf = this.certificatePdf(caller, itemId, origin, at);
    return { ...this.deps.signer.signFile(pdf.bytes, pdf.fileName), printedAt: pdf.printedAt };
  }

  /** Anyone: does this file match the registry's detached signature? */
  verifyFileSignature(file: Uint8Array, signature: unknown) {
    const check = checkDetached(file, signature, this.deps.signer.publicKeyHex);
    return check.valid
      ? {
          valid: true,
          digest: check.digest,
          message:
            '签名有效：文件与登记机构签发时完全一致。证书当前状态请扫描文件上的二维码在线核验，以在线核验结果为准',
        }
      : {
          valid: false,
          digest: check.digest,
          reason: check.reason,
          message: DETACHED_CHECK_MESSAGES[check.reason],
        };
  }

  /**
   * The QR on a printed certificate: its status now, and only what the paper already shows
   * publicly (number and status) — no names, areas or ID numbers.
   */
  printCheck(certificateId: string, check: string) {
    const d = /^[0-9a-f]{32}$/.test(check)
      ? this.deps.cases.documentOfCertificate(certificateId)
      : undefined;
    if (!d || printCheckValue(d.document.seal.signature) !== check) {
      throw presentationError('PRINT_CHECK_INVALID');
    }
    const status = this.statusOf(certificateId);
    const body = d.document.body as { number?: string; title?: string };
    return {
      outcome: 'valid' as const,
      checkedAt: this.now().toISOString(),
      title: body.title ?? '不动产权证书',
      number: body.number ?? '',
      status,
      message:
        status.certificate === 'current'
          ? `该打印版对应的证书真实有效。当前状态：${status.summary}`
          : `该打印版对应的证书${status.summary}，不能作为现势权利的证明`,
    };
  }

  // ------------------------------------------------------------ holdings proof

  requestHoldingsProof(caller: Person & { idNumber: string }): WalletItemView {
    const held = this.deps.cases
      .certificatesOf(caller.personId)
      .filter((c) => c.status === 'current');
    const at = this.now().toISOString();
    const year = Number(beijingDate(at).slice(0, 4));
    const proofId = this.deps.newId('PROOF');
    this.deps.store.transaction(() => {
      const number = formatHoldingsProofNumber(
        year,
        this.deps.cases.nextSerial(`holdingsProof||${year}`),
      );
      const body = holdingsProofBody({
        number,
        issuedAt: at,
        subjectName: caller.name,
        subjectIdNumber: caller.idNumber,
        holdings: held.map((c) => {
          const right = this.deps.store.rightOfCertificate(c.certificateId);
          return {
            location: c.location,
            certificateNumber: c.number,
            coOwnership:
              right?.coOwnership === 'joint'
                ? '共同共有'
                : right?.coOwnership === 'shares'
                  ? '按份共有'
                  : '单独所有',
          };
        }),
      });
      this.deps.store.saveHoldingsProof({
        proofId,
        personId: caller.personId,
        number,
        issuedAt: at,
        document: this.deps.signer.seal(body) as unknown as SealedDocument,
      });
    });
    return this.item(caller, proofId);
  }

  // ------------------------------------------------------------ simulator (dev/test only)

  /** A bank's mortgage 登簿 on a unit (SIMULATORS_ENABLED): restriction + registration proof. */
  simulateMortgage(unitCode: string, amountYuan = 500_000) {
    const view = this.deps.register.unit(unitCode);
    if (!view?.right) throw validationFailed('该不动产单元没有现势权利，无法办理抵押');
    const at = this.now().toISOString();
    const registeredOn = beijingDate(at);
    const year = Number(registeredOn.slice(0, 4));
    const registryName = registryNameOf(unitCode);
    const bank = this.deps.cases.personByIdNumber('913310008775MMHQ8E');
    if (!bank) throw validationFailed('模拟抵押权人不存在');
    return this.deps.cases.transaction(() => {
      const serial = this.deps.cases.nextSerial(
        serialKey('registrationProof', year, registryName),
        () => this.deps.cases.maxCertificateSerial(`浙(${year})${registryName}不动产证明第`),
      );
      const ids = certificateIdentifiers({ kind: 'registrationProof', unitCode, year, serial });
      const restrictionId = this.deps.newId('RES');
      const certificateId = this.deps.newId('CERT');
      this.deps.register.append([
        {
          eventId: this.deps.newId('EV'),
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
