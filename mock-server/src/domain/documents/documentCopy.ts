/**
 * A party's downloadable copy of a document of their case or of a notice they received
 * (ADR 0006): the readable rendering (printModel.ts) with the registry's marks — the seal at the
 * 落款, the document's SM3 content digest, a QR whose URL checks the copy against what the registry
 * holds now, and the print time. The file itself is signed by the registry like the certificate
 * PDF (`document.pdf.sig`, a detached SM2 signature over the exact bytes). Pure.
 *
 * The QR carries no token and nothing personal: `/verify?d=<case id>~<document ref>&check=<value>`,
 * the check value being SM3 over the case, the reference and the document's content digest (only
 * someone who saw the document can make it). The check answers whether the registry still holds
 * that document with that content, and shows only its title and number.
 */
import { bytesToHex, sm3, utf8 } from '../crypto';
import type { PrintRendering } from './printModel';

export const COPY_NOTICE =
  '本文件为登记机构出具的电子文书副本，内容以登记机构留存的电子文书为准，可扫码在线核验。';

export interface DocumentCopy {
  rendering: PrintRendering;
  /** the registry that seals the copy */
  issuer: string;
  sealName: string;
  /** SM3 of the document's canonical content, hex */
  contentDigest: string;
  verifyUrl: string;
  /** ISO instant of the print minute (the file's CreationDate) */
  printedAt: string;
  /** Beijing "YYYY-MM-DD HH:mm" */
  printedAtText: string;
  /** the detached signature's file name, printed in the footer */
  signatureFile: string;
  notice: string;
}

/** The QR's check value for a document copy, 128 bits in hex. */
export const documentCheckValue = (caseId: string, ref: string, contentDigest: string) =>
  bytesToHex(sm3(utf8(`HE-DOC-PRINT-1|${caseId}|${ref}|${contentDigest.toLowerCase()}`))).slice(
    0,
    32,
  );

/** `d` of the QR: case id and document reference, joined by "~" (neither contains one). */
export const documentCheckId = (caseId: string, ref: string) => `${caseId}~${ref}`;

export function parseDocumentCheckId(d: string): { caseId: string; ref: string } | undefined {
  const i = d.indexOf('~');
  if (i <= 0 || i === d.length - 1) return undefined;
  return { caseId: d.slice(0, i), ref: d.slice(i + 1) };
}

export const documentVerifyUrl = (origin: string, caseId: string, ref: string, check: string) =>
  `${origin.replace(/\/+$/, '')}/verify?d=${encodeURIComponent(documentCheckId(caseId, ref))}&check=${check}`;
