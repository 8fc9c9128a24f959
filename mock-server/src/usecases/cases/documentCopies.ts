/**
 * Copies for the people involved (ADR 0006): each party downloads a PDF of every document of
 * their case (the application form, the 询问笔录, the contract, the 承诺书 — as they stand now — and
 * the documents the registry issued for it) and every notice addressed to them: the readable
 * rendering they see on screen (masked for anyone who is not the person), the registry's seal at
 * the 落款, a QR that checks the copy against what the registry holds, and
 * `document.pdf.sig`, the registry's detached SM2 signature over the exact bytes (checked like the
 * certificate's with POST /documents/verify-file). The same document, viewer and print minute give
 * the same bytes, so the .pdf and its .sig can be fetched apart.
 *
 * Who gets what: a party of the case (or its creator) gets its documents, those of the bundle
 * that they are a party of (not another party's 询问笔录, 告知承诺书 or 婚姻状况承诺书:
 * domain/signing/readers.ts); a notice goes only to
 * the people it was delivered to; the 登记费's 财政电子票据 (sealed by the finance department,
 * docs/registry-facts.md §14) goes only to the party who paid it, as the fee card shows it.
 * Everyone else gets 404, as for the case itself.
 */
import type { BusinessType } from '../../domain/catalogue';
import type { CaseRecord } from '../../domain/cases';
import type { DetachedSignature } from '../../domain/certificates';
import {
  documentDigestHex,
  NOTICE_KINDS,
  REGISTRY_NAME,
  REGISTRY_SEAL_NAME,
  type NoticeKind,
} from '../../domain/documents';
import {
  COPY_NOTICE,
  documentCheckValue,
  documentVerifyUrl,
  parseDocumentCheckId,
} from '../../domain/documents/documentCopy';
import type { PrintRendering, PrintViewer } from '../../domain/documents/printModel';
import { feeReceiptData } from '../../domain/documents/renderers';
import type { FiscalReceipt } from '../../domain/fees';
import { notFound } from '../../domain/errors';
import { AppError } from '../../domain/errors';
import { PRESENTATION_MESSAGES } from '../../domain/presentation/codes';
import { beijingMinute } from '../../domain/time';
import type { CaseStore, Clock, StoredDocument } from '../../ports';
import type { PresentationSigner } from '../../ports/certificates';
import { readableBy } from '../../domain/signing';
import type { DocumentPdfRenderer } from '../../ports/documentCopies';
import type { CaseAccess } from './access';
import type { PartyCaller } from './types';

/** how far back a print time may be named (so the .pdf and its .sig can be fetched apart) */
export const COPY_TIME_WINDOW_MS = 15 * 60_000;
export const COPY_FILE_NAME = 'document.pdf';
const SIGNATURE_FILE_NAME = 'document.pdf.sig';

/** A bundle document as the signing bundle builds it (application form, inquiries, …). */
export interface CaseBundleDocument {
  id: string;
  title: string;
  body: unknown;
  digest: string;
  /** a 询问笔录's party */
  partyId?: string;
}

export interface DocumentCopiesDeps {
  access: Pick<CaseAccess, 'load' | 'loadForParty' | 'businessType'>;
  store: Pick<CaseStore, 'documentsOfCase' | 'messagesOf'>;
  /** the documents the parties read and sign, as they stand now */
  bundle: (c: CaseRecord, bt: BusinessType) => Promise<CaseBundleDocument[]>;
  /** the readable rendering of a document's body for a viewer (domain/documents/printModel.ts) */
  render: (
    body: unknown,
    viewer: PrintViewer,
    signedAt?: Record<string, string | undefined>,
  ) => PrintRendering | null;
  pdf: DocumentPdfRenderer;
  signer: Pick<PresentationSigner, 'signFile'>;
  clock: Clock;
  /** the case's 财政电子票据 whose finance seal checks out with the trusted key, once paid */
  feeReceipt?: (caseId: string) => Promise<FiscalReceipt | undefined>;
}

/** the reference of a case's 登记费 receipt among its copies */
export const FEE_RECEIPT_REF = 'feeReceipt';

export interface CopyListItem {
  ref: string;
  title: string;
  number?: string;
  /** 'case': a document the parties read and sign; 'issued': one the registry issued */
  source: 'case' | 'issued';
}

interface Resolved {
  ref: string;
  title: string;
  number?: string;
  source: 'case' | 'issued';
  body: unknown;
  contentDigest: string;
  /** a document only this person may have (the fee receipt names its payer) */
  onlyFor?: string;
  /** a document of the bundle: only its own parties have a copy (domain/signing/readers.ts) */
  bundleDoc?: CaseBundleDocument;
}

const isNotice = (kind: string) => (NOTICE_KINDS as readonly string[]).includes(kind as NoticeKind);

const printTimeInvalid = () =>
  new AppError('PRINT_TIME_INVALID', PRESENTATION_MESSAGES.PRINT_TIME_INVALID);
const checkInvalid = () =>
  new AppError('PRINT_CHECK_INVALID', PRESENTATION_MESSAGES.PRINT_CHECK_INVALID);

export class DocumentCopies {
  constructor(private readonly deps: DocumentCopiesDeps) {}

  /** The copies `caller` may download for a case. */
  async list(caller: PartyCaller, caseId: string): Promise<CopyListItem[]> {
    return (await this.visible(caller, caseId)).docs.map(({ ref, title, number, source }) => ({
      ref,
      title,
      ...(number ? { number } : {}),
      source,
    }));
  }

  /** The PDF of one document for `caller`. `origin` is where the QR's check page is. */
  async pdf(
    caller: PartyCaller,
    caseId: string,
    ref: string,
    origin: string,
    at?: string,
  ): Promise<{ bytes: Uint8Array; printedAt: string; fileName: string; title: string }> {
    const { c, docs } = await this.visible(caller, caseId);
    const d = docs.find((x) => x.ref === ref);
    if (!d) throw notFound('文书不存在');
    // the signature lines of a document parties sign show who signed the current version and
    // when (names masked per viewer by the renderer), as the signing screen does
    const signedAt =
      d.source === 'case'
        ? Object.fromEntries(c.parties.map((p) => [p.personId, p.signedAt]))
        : undefined;
    const rendering = this.deps.render(
      d.body,
      { personId: caller.personId, name: caller.name },
      signedAt,
    );
    if (!rendering) throw notFound('文书不存在');
    const printedAt = this.printTime(at);
    const check = documentCheckValue(caseId, d.ref, d.contentDigest);
    const bytes = await this.deps.pdf.render({
      rendering,
      issuer: REGISTRY_NAME,
      sealName: REGISTRY_SEAL_NAME,
      contentDigest: d.contentDigest,
      verifyUrl: documentVerifyUrl(origin, caseId, d.ref, check),
      printedAt,
      printedAtText: beijingMinute(printedAt),
      signatureFile: SIGNATURE_FILE_NAME,
      notice: COPY_NOTICE,
    });
    return { bytes, printedAt, fileName: COPY_FILE_NAME, title: d.title };
  }

  /** `document.pdf.sig`: the registry's detached signature over those exact bytes. */
  async signature(
    caller: PartyCaller,
    caseId: string,
    ref: string,
    origin: string,
    at?: string,
  ): Promise<DetachedSignature & { printedAt: string }> {
    const pdf = await this.pdf(caller, caseId, ref, origin, at);
    return { ...this.deps.signer.signFile(pdf.bytes, pdf.fileName), printedAt: pdf.printedAt };
  }

  /**
   * The QR on a copy, by anyone: does the registry still hold that document with that content?
   * Answers its title and number only (nothing personal).
   */
  async check(d: string, check: string) {
    const id = /^[0-9a-f]{32}$/.test(check) ? parseDocumentCheckId(d) : undefined;
    if (!id) throw checkInvalid();
    const c = await this.deps.access.load(id.caseId).catch(() => undefined);
    if (!c) throw checkInvalid();
    const doc = (await this.documentsOf(c)).find((x) => x.ref === id.ref);
    if (!doc || documentCheckValue(c.caseId, doc.ref, doc.contentDigest) !== check) {
      throw checkInvalid();
    }
    return {
      outcome: 'valid' as const,
      checkedAt: this.deps.clock.now().toISOString(),
      title: doc.title,
      number: doc.number ?? c.caseNumber ?? '',
      message: '该副本与登记机构留存的文书内容一致',
    };
  }

  /** Every document of the case, bundle and issued, with its reference and content digest. */
  private async documentsOf(c: CaseRecord): Promise<(Resolved & { kind: string })[]> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    const bundle = (await this.deps.bundle(c, bt)).map((b) => ({
      ref: b.id,
      kind: 'bundle',
      title: b.title,
      ...(c.caseNumber ? { number: `业务号：${c.caseNumber}` } : {}),
      source: 'case' as const,
      body: b.body,
      contentDigest: b.digest,
      bundleDoc: b,
    }));
    const issued = (await this.deps.store.documentsOfCase(c.caseId)).map((s: StoredDocument) => ({
      ref: s.documentId,
      kind: s.kind,
      title: String((s.document.body as { title?: unknown }).title ?? s.kind),
      number: s.number,
      source: 'issued' as const,
      body: s.document.body,
      contentDigest: s.document.seal?.digest ?? documentDigestHex(s.document.body),
    }));
    const receipt = await this.deps.feeReceipt?.(c.caseId);
    const fee = receipt
      ? [
          {
            ref: FEE_RECEIPT_REF,
            kind: 'feeReceipt',
            title: '不动产登记费收费票据',
            number: `票据号码：${receipt.body.billNo}`,
            source: 'issued' as const,
            body: {
              documentType: 'feeReceipt',
              ...feeReceiptData(receipt.body, c.caseNumber),
            },
            // the finance department's digest of what it sealed
            contentDigest: receipt.seal.digest,
            onlyFor: receipt.body.payerId,
          },
        ]
      : [];
    return [...bundle, ...issued, ...fee];
  }

  /** The documents of a case `caller` may have: all for a party, else the notices sent to them. */
  private async visible(caller: PartyCaller, caseId: string) {
    const party = await this.deps.access.loadForParty(caseId, caller).catch(() => undefined);
    const c = party ?? (await this.deps.access.load(caseId).catch(() => undefined));
    if (!c) throw notFound('办件不存在');
    const received = new Set(
      (await this.deps.store.messagesOf(caller.personId))
        .filter((m) => m.caseId === caseId && m.documentId)
        .map((m) => m.documentId!),
    );
    const docs = (await this.documentsOf(c)).filter((d) =>
      d.onlyFor !== undefined
        ? party !== undefined && d.onlyFor === caller.personId
        : isNotice(d.kind)
          ? received.has(d.ref)
          : party !== undefined &&
            // another party's 询问笔录 or 婚姻状况承诺书 is theirs: no copy for the others
            (d.bundleDoc === undefined || readableBy(d.bundleDoc, caller.personId)),
    );
    if (!party && !docs.length) throw notFound('办件不存在');
    return { c, docs };
  }

  /** The print time: the minute named (within the last 15 minutes) or this minute. */
  private printTime(at: string | undefined): string {
    const now = this.deps.clock.now().getTime();
    const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
    if (at === undefined) return minute(now);
    const t = Date.parse(at);
    if (!Number.isFinite(t) || t > now || t < now - COPY_TIME_WINDOW_MS) throw printTimeInvalid();
    return minute(t);
  }
}
