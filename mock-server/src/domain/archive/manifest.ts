/**
 * The archive package (归档包) of one completed case: a manifest listing every item with its SM3
 * digest, sealed by the registry. Item contents are kept as files in the blob store, named by
 * their SM3 digest. Pure: the use case collects the items, this module numbers and describes them.
 */
import { bytesToHex, canonicalJson, sm3, utf8 } from '../crypto';
import type { ArchiveMediaType } from './formats';

export const ARCHIVE_ITEM_KINDS = [
  'application',
  'sharedData',
  'uploadedFile',
  'inquiryRecord',
  'signatures',
  'reviewDecisions',
  'notice',
  'registerEvents',
  'certificate',
] as const;
export type ArchiveItemKind = (typeof ARCHIVE_ITEM_KINDS)[number];

export const ITEM_KIND_NAMES: Record<ArchiveItemKind, string> = {
  application: '申请信息',
  sharedData: '共享数据',
  uploadedFile: '上传材料',
  inquiryRecord: '询问笔录',
  signatures: '电子签名记录',
  reviewDecisions: '审核决定与规则结果',
  notice: '通知书',
  registerEvents: '登簿记录',
  certificate: '不动产权证书',
};

/** Item kinds whose content is itself a sealed document (its seal is checked too). */
export const SEALED_ITEM_KINDS: readonly ArchiveItemKind[] = [
  'sharedData',
  'notice',
  'certificate',
];

/** Assumption: permanent retention (不动产登记资料 are kept permanently). */
export const RETENTION = '永久';
export const FONDS = '台州市不动产登记档案';

export interface ManifestItem {
  no: number;
  kind: ArchiveItemKind;
  title: string;
  mediaType: ArchiveMediaType;
  /** SM3 of the file, hex */
  digest: string;
  size: number;
}

export interface ManifestBody {
  documentType: 'archiveManifest';
  title: string;
  packageId: string;
  archiveNumber: string;
  serial: number;
  fonds: string;
  retention: string;
  caseId: string;
  caseNumber: string;
  businessTypeCode: string;
  unitCode: string;
  /** the case's status when it completed: issued, refused, notAccepted or withdrawn */
  outcome: string;
  certificateNumber?: string;
  filedAt: string;
  items: ManifestItem[];
}

/** Fields a manifest must carry (metadata complete, DA/T 70 usability). */
export const REQUIRED_MANIFEST_FIELDS: readonly (keyof ManifestBody)[] = [
  'documentType',
  'packageId',
  'archiveNumber',
  'serial',
  'fonds',
  'retention',
  'caseId',
  'businessTypeCode',
  'unitCode',
  'outcome',
  'filedAt',
  'items',
];

export interface ItemContent {
  kind: ArchiveItemKind;
  title: string;
  mediaType: ArchiveMediaType;
  bytes: Uint8Array;
}

export const sm3Hex = (bytes: Uint8Array): string => bytesToHex(sm3(bytes));

/** JSON items are stored as the UTF-8 of their canonical JSON (stable digests). */
export function jsonItem(kind: ArchiveItemKind, title: string, value: unknown): ItemContent {
  return { kind, title, mediaType: 'application/json', bytes: utf8(canonicalJson(value)) };
}

/** 台不动产档〔2026〕第000001号 style archive number (assumption: the format is ours). */
export const formatArchiveNumber = (year: number, serial: number): string =>
  `台不动产档〔${year}〕第${String(serial).padStart(6, '0')}号`;

export function buildManifest(
  header: Omit<ManifestBody, 'documentType' | 'title' | 'items' | 'fonds' | 'retention'>,
  items: readonly ItemContent[],
): ManifestBody {
  return {
    documentType: 'archiveManifest',
    title: '不动产登记电子档案归档清单',
    fonds: FONDS,
    retention: RETENTION,
    ...header,
    items: items.map((it, i) => ({
      no: i + 1,
      kind: it.kind,
      title: it.title,
      mediaType: it.mediaType,
      digest: sm3Hex(it.bytes),
      size: it.bytes.length,
    })),
  };
}
