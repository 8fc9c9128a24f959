/**
 * A 权籍调查 result as a surveying firm submits it for 入库 (docs/registry-facts.md §16): one
 * building on one parcel — the parcel's boundary points (CGCS2000), the building's total
 * 建筑面积, storeys, structure and use, per unit the proposed 不动产单元代码 (GB/T 37346, §2) with
 * its 套内 (专有) and 分摊 areas, and the drawings (宗地图, 房产分户图) by the digest of the
 * upload that was checked. The firm seals the digest of the result's canonical JSON with its e-seal
 * certificate (signature CA).
 *
 * `checkSurveyResult` runs every check before entry and answers every reason (a stable code and
 * a Chinese message); what it needs from the database is given (codes in use, parcels nearby,
 * the firm's checked uploads, the seal's verdict). Pure.
 */
import { bytesToHex, canonicalJson, sm3, utf8 } from '../crypto';
import { checkUnitCode, normaliseUnitCode } from '../identifiers';
import type { UnitUse } from '../register';
import type { SignatureCheck, SignerCertificate } from '../signing/signerCertificate';
import { SIGNATURE_CHECK_MESSAGES } from '../signing/signerCertificate';
import {
  checkBoundary,
  overlapArea,
  OVERLAP_TOLERANCE_M2,
  RING_PROBLEM_MESSAGES,
  type BoundaryPoint,
} from './parcel';

export const UNIT_USES: readonly UnitUse[] = ['住宅', '商业', '办公'];
export type DrawingKind = 'parcelMap' | 'unitPlan';
export const DRAWING_NAMES: Record<DrawingKind, string> = {
  parcelMap: '宗地图',
  unitPlan: '房产分户图',
};
export const DRAWING_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * The stated tolerance: each unit's areas are measured to 0.01 ㎡, so the units' 套内 + 分摊
 * may differ from the building's total by at most 0.01 ㎡ per unit (rounding), never more.
 */
export const AREA_TOLERANCE_PER_UNIT_M2 = 0.01;
export const MAX_UNITS = 500;
export const MAX_BOUNDARY_POINTS = 200;

export interface SurveyUnitInput {
  /** proposed 不动产单元代码, 28 characters */
  unitCode: string;
  /** 室号, e.g. 1单元502 */
  room: string;
  floor: number;
  use: UnitUse;
  /** 套内（专有）建筑面积 ㎡ */
  exclusiveArea: number;
  /** 分摊建筑面积 ㎡ */
  apportionedArea: number;
}

export interface SurveyDrawing {
  kind: DrawingKind;
  /** SM3 digest of the checked upload */
  digest: string;
}

export interface SurveyResultInput {
  /** 幢名称, e.g. 星海苑3幢 */
  buildingName: string;
  /** 坐落 of the building */
  location: string;
  /** 界址点, CGCS2000 plane coordinates; closed: the last point repeats the first */
  boundary: BoundaryPoint[];
  /** 房屋建筑总面积 ㎡ */
  buildingArea: number;
  /** 总层数 */
  storeys: number;
  /** 结构, e.g. 钢筋混凝土 */
  structure: string;
  units: SurveyUnitInput[];
  drawings: SurveyDrawing[];
}

/** The firm's e-seal over the result (as the signature CA gave it to the firm's system). */
export interface SurveySeal {
  signedDigest: string;
  signature: string;
  signedAt: string;
  certificate: SignerCertificate;
}

export type SurveyReasonCode =
  | 'unitCodeMalformed'
  | 'unitCodeNotBuilding'
  | 'unitCodeOtherParcel'
  | 'unitCodeDuplicate'
  | 'unitCodeInUse'
  | 'boundaryInvalid'
  | 'parcelOverlap'
  | 'parcelBoundaryDiffers'
  | 'unitAreaInvalid'
  | 'areaMismatch'
  | 'drawingMissing'
  | 'drawingUnknown'
  | 'sealInvalid'
  | 'sealNotForResult'
  | 'licenceExpired';

export interface SurveyReason {
  code: SurveyReasonCode;
  message: string;
}

/** The canonical form of a result: codes normalised, the order as submitted. */
export function normaliseResult(input: SurveyResultInput): SurveyResultInput {
  return {
    buildingName: input.buildingName.trim(),
    location: input.location.trim(),
    boundary: input.boundary.map((p) => ({ x: p.x, y: p.y })),
    buildingArea: input.buildingArea,
    storeys: input.storeys,
    structure: input.structure.trim(),
    units: input.units.map((u) => ({
      unitCode: normaliseUnitCode(u.unitCode),
      room: u.room.trim(),
      floor: u.floor,
      use: u.use,
      exclusiveArea: u.exclusiveArea,
      apportionedArea: u.apportionedArea,
    })),
    drawings: input.drawings.map((d) => ({ kind: d.kind, digest: d.digest.toLowerCase() })),
  };
}

/** What the firm seals: SM3 of the canonical JSON of the normalised result, hex. */
export const surveyResultDigest = (input: SurveyResultInput): string =>
  bytesToHex(sm3(utf8(canonicalJson({ documentType: 'surveyResult', ...normaliseResult(input) }))));

/** The 宗地代码: the first 19 characters every unit code of the result shares. */
export const parcelCodeOf = (input: SurveyResultInput): string =>
  normaliseUnitCode(input.units[0]?.unitCode ?? '').slice(0, 19);

export interface ExistingParcel {
  parcelCode: string;
  /** open ring */
  ring: BoundaryPoint[];
}

export interface SurveyCheckContext {
  /** of the codes the result proposes: those already entered or registered */
  codesInUse: ReadonlySet<string>;
  /** entered parcels whose bounding box meets this one's */
  nearbyParcels: readonly ExistingParcel[];
  /** the digests of the firm's uploads that passed the upload checks */
  checkedUploads: ReadonlySet<string>;
  /** the seal's verdict against the CA's roots, naming the firm */
  seal: SignatureCheck;
  /** whether the seal covers this very result */
  sealCoversResult: boolean;
  /** whether the firm's 测绘资质 runs today */
  licenceValid: boolean;
}

const cents = (n: number) => Math.round(n * 100);
const twoDecimals = (n: number) => Number.isFinite(n) && Math.abs(n * 100 - cents(n)) < 1e-6;

/** Every reason the result cannot be entered (empty: it may be). */
export function checkSurveyResult(raw: SurveyResultInput, ctx: SurveyCheckContext): SurveyReason[] {
  const input = normaliseResult(raw);
  const reasons: SurveyReason[] = [];
  const add = (code: SurveyReasonCode, message: string) => {
    if (!reasons.some((r) => r.code === code && r.message === message))
      reasons.push({ code, message });
  };

  // ---- unit codes: well formed (GB/T 37346), of a building, on one parcel, unused
  const parcelCode = parcelCodeOf(input);
  const seen = new Set<string>();
  for (const u of input.units) {
    const c = checkUnitCode(u.unitCode, { taizhouOnly: true });
    if (!c.ok) {
      add(
        'unitCodeMalformed',
        `不动产单元代码 ${u.unitCode || '（空）'} 不符合 GB/T 37346：${c.reason}`,
      );
      continue;
    }
    if (c.value.attachmentCode !== 'F' || c.value.attachmentUnitNumber === '00000000')
      add(
        'unitCodeNotBuilding',
        `不动产单元代码 ${u.unitCode} 不是房屋单元（定着物特征码应为 F，单元编号不为0）`,
      );
    if (u.unitCode.slice(0, 19) !== parcelCode)
      add('unitCodeOtherParcel', `不动产单元代码 ${u.unitCode} 与本幢其他单元不在同一宗地`);
    if (seen.has(u.unitCode))
      add('unitCodeDuplicate', `不动产单元代码 ${u.unitCode} 在本次成果中重复`);
    seen.add(u.unitCode);
    if (ctx.codesInUse.has(u.unitCode))
      add('unitCodeInUse', `不动产单元代码 ${u.unitCode} 已被使用（已入库或已登记）`);
  }

  // ---- the parcel: closed and simple, not overlapping the parcels entered
  const ring = checkBoundary(input.boundary);
  if (!ring.ok) add('boundaryInvalid', RING_PROBLEM_MESSAGES[ring.problem]);
  else {
    for (const p of ctx.nearbyParcels) {
      const area = overlapArea(ring.ring, p.ring);
      if (p.parcelCode === parcelCode) {
        // another building on the same 宗地: the same boundary, or the parcel is wrong
        const own = overlapArea(ring.ring, ring.ring);
        const theirs = overlapArea(p.ring, p.ring);
        if (
          Math.abs(area - own) > OVERLAP_TOLERANCE_M2 ||
          Math.abs(area - theirs) > OVERLAP_TOLERANCE_M2
        )
          add('parcelBoundaryDiffers', `宗地 ${parcelCode} 已入库，本次界址与已入库的界址不一致`);
      } else if (area > OVERLAP_TOLERANCE_M2)
        add('parcelOverlap', `宗地与已入库的宗地 ${p.parcelCode} 重叠约 ${area.toFixed(2)} 平方米`);
    }
  }

  // ---- areas: each unit's split, and their sum against the building's total
  let sum = 0;
  let areasOk = true;
  for (const u of input.units) {
    if (
      !twoDecimals(u.exclusiveArea) ||
      !twoDecimals(u.apportionedArea) ||
      !(u.exclusiveArea > 0) ||
      !(u.apportionedArea >= 0)
    ) {
      add(
        'unitAreaInvalid',
        `${u.room || u.unitCode} 的套内面积须大于0、分摊面积不能为负，均保留两位小数`,
      );
      areasOk = false;
      continue;
    }
    sum += cents(u.exclusiveArea) + cents(u.apportionedArea);
  }
  if (!twoDecimals(input.buildingArea) || !(input.buildingArea > 0))
    add('unitAreaInvalid', '房屋建筑总面积须大于0并保留两位小数');
  else if (areasOk && input.units.length > 0) {
    const tolerance = cents(AREA_TOLERANCE_PER_UNIT_M2) * input.units.length;
    const diff = sum - cents(input.buildingArea);
    if (Math.abs(diff) > tolerance)
      add(
        'areaMismatch',
        `各户套内与分摊面积合计 ${(sum / 100).toFixed(2)} 平方米，与幢建筑总面积 ${input.buildingArea.toFixed(2)} 平方米相差 ${(Math.abs(diff) / 100).toFixed(2)} 平方米，超过允许误差 ${(tolerance / 100).toFixed(2)} 平方米（每户 ${AREA_TOLERANCE_PER_UNIT_M2} 平方米）`,
      );
  }

  // ---- drawings: a 宗地图 and a 房产分户图, each an upload that passed the checks
  for (const kind of ['parcelMap', 'unitPlan'] as const)
    if (!input.drawings.some((d) => d.kind === kind))
      add('drawingMissing', `缺少${DRAWING_NAMES[kind]}`);
  for (const d of input.drawings)
    if (!ctx.checkedUploads.has(d.digest))
      add('drawingUnknown', `${DRAWING_NAMES[d.kind] ?? '图件'}不是本单位已上传并通过检查的文件`);

  // ---- the firm: its licence and its e-seal over this result
  if (!ctx.licenceValid) add('licenceExpired', '测绘单位的测绘资质已过有效期');
  if (!ctx.seal.valid)
    add('sealInvalid', `测绘单位电子签章无效：${SIGNATURE_CHECK_MESSAGES[ctx.seal.reason]}`);
  else if (!ctx.sealCoversResult)
    add('sealNotForResult', '测绘单位电子签章所签内容与本次提交的成果不一致');
  return reasons;
}
