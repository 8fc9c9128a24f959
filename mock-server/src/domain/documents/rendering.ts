/**
 * The readable rendering of a document (文书的可读呈现): a small, platform-neutral document model
 * as data. One renderer per document kind turns the document's data into this model; the app's
 * document screens, the PDFs, the staff console and the archive all draw it, so what a person
 * reads, keeps and signs cannot drift apart.
 *
 * Every string in a rendering is final display text in Simplified Chinese: labels and role names
 * in Chinese (docs/glossary.md), amounts in 元 (with 大写 where the paper form uses it), dates and
 * times in Beijing time, personal data already masked for the viewer. A drawer never formats,
 * translates or masks; it only lays out.
 *
 * The TypeBox schema of the same shape is `RenderedDocument` in mock-server/src/contract/documents.ts.
 */

/** Every document kind that has a renderer. */
export const RENDERED_KINDS = [
  /** 不动产登记申请书 */
  'applicationForm',
  /** 询问笔录 (one per natural-person party) */
  'inquiry',
  /** 存量房买卖合同（网签） */
  'contract',
  /** 婚姻状况承诺书 */
  'maritalCommitment',
  /** 承诺书 (告知承诺 in place of a material) */
  'commitment',
  /** 赠与合同, signed in-app by donor and donee */
  'giftContract',
  /** 不动产登记受理凭证 */
  'acceptanceReceipt',
  /** 不动产登记补正材料通知书 */
  'correctionNotice',
  /** 不动产登记不予受理通知书 */
  'nonAcceptanceNotice',
  /** 不动产登记不予登记通知书 */
  'refusalNotice',
  /** 完税证明 */
  'taxCertificate',
  /** 登记费收费票据 */
  'feeReceipt',
  /** 不动产登记资料查询结果证明 */
  'queryResult',
  /** 不动产登记证明 */
  'registrationProof',
  /** 不动产权证书 */
  'titleCertificate',
] as const;
export type RenderedKind = (typeof RENDERED_KINDS)[number];

/** One labelled line: 「坐落：椒江区……」. `wide` asks for the full width (long text). */
export interface RenderedRow {
  label: string;
  value: string;
  wide?: boolean;
}

/** A block of content inside a section. */
export type RenderedBlock =
  /** labelled rows, drawn as a two-column form (label | value) */
  | { type: 'rows'; rows: RenderedRow[] }
  /** running text; `emphasis` for a sentence the reader must not miss */
  | { type: 'paragraph'; text: string; emphasis?: boolean }
  /** a table with a header row; every row has as many cells as `columns` */
  | { type: 'table'; caption?: string; columns: string[]; rows: string[][] }
  /** numbered items (clauses, reasons, legal bases), drawn as 1. 2. 3. */
  | { type: 'list'; items: string[] }
  /** questions and answers of a 询问笔录: 问：… / 答（name）：… */
  | { type: 'qa'; items: { question: string; answer: string; answeredBy: string }[] }
  /**
   * signature lines (申请人签章): who signs in which capacity, and whether and when they did.
   * `status` is display text, e.g. 已签署 2026年12月7日 15:40 / 待签署.
   */
  | { type: 'signatures'; lines: { role: string; name: string; status: string }[] };

export interface RenderedSection {
  /** e.g. 申请登记事项, 不动产情况, 权利人, 义务人, 申请人签章; absent for an untitled section */
  heading?: string;
  blocks: RenderedBlock[];
}

export interface RenderedDocument {
  kind: RenderedKind;
  /** version of the renderer of this kind (RENDERER_VERSIONS); part of what a party signs */
  rendererVersion: number;
  /** e.g. 不动产登记申请书 */
  title: string;
  /** the document's number, e.g. 台不动产受〔2026〕第0000001号, or 业务号 for a case document */
  number?: string;
  /** a line under the title, e.g. the party's name on a 询问笔录 */
  subtitle?: string;
  sections: RenderedSection[];
  /** 落款: issuing body and date (Beijing), drawn bottom right; a PDF puts its seal here */
  closing?: { issuer: string; date: string };
  /** a note under everything, e.g. 本页所示为您签署的内容 / masking note */
  footnote?: string;
}

/**
 * Renderer version per kind. Bump a kind's number whenever its renderer changes what a reader
 * sees (labels, order, wording, formatting): the version is part of the digest a party signs, so
 * a changed rendering asks for signatures again, just as changed data does.
 */
export const RENDERER_VERSIONS: Record<RenderedKind, number> = {
  applicationForm: 1,
  inquiry: 1,
  contract: 1,
  maritalCommitment: 1,
  commitment: 1,
  giftContract: 1,
  acceptanceReceipt: 1,
  correctionNotice: 1,
  nonAcceptanceNotice: 1,
  refusalNotice: 1,
  taxCertificate: 1,
  // 2: 票据代码, 校验码 and 收款单位 of a 财政电子票据; 收费依据 only when the lines name one
  feeReceipt: 2,
  queryResult: 1,
  registrationProof: 1,
  titleCertificate: 1,
};

/** Who is looking: masking shows a person's own data in full and everyone else's masked. */
export interface RenderViewer {
  /** the viewer's personId; absent for an anonymous/archive/public view (everything masked) */
  personId?: string;
  /** registry staff see personal data in full (their console is an official channel) */
  staff?: boolean;
  /**
   * the viewer's own name, to recognise them in documents that list names only (notices,
   * certificates); a name alone never unmasks anyone else's ID number
   */
  name?: string;
}
