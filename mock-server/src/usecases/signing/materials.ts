/**
 * The case's materials (申请材料) as a party sees them: for every item of the business type's
 * checklist, where it comes from (shared data, an upload, a commitment), whether it is provided,
 * and its files. Also the helpers the upload and commitment use cases share: which item a party
 * may supply by a given source now, and recording it on the case.
 */
import type { BusinessType, MaterialSource } from '../../domain/catalogue';
import type { CaseMaterial, CaseRecord } from '../../domain/cases';
import { acceptsMaterials, awaitsCorrection } from '../../domain/cases/status';
import { notFound } from '../../domain/errors';
import type { CaseStore, Clock, SigningStore, StoredFile } from '../../ports';
import type { PartyCaller } from '../cases/types';
import { err, openCase, updateCase, type CaseReads } from './caseAccess';

type SourceKind = 'shared' | 'upload' | 'commitment';
const KIND: Record<MaterialSource, SourceKind> = {
  sharedData: 'shared',
  scan: 'upload',
  commitment: 'commitment',
};

export type MaterialReads = Pick<SigningStore, 'filesOf' | 'commitmentsOf'>;

/** The earliest 婚姻状况承诺 on the case: the `marriage` material is then a commitment. */
export const maritalCommitmentOf = (c: CaseRecord) => {
  const h = c.marriageCheck?.holders.find((x) => x.commitment);
  return h?.commitment ? { committedAt: h.commitment.committedAt } : undefined;
};

export function fileView(f: StoredFile) {
  return {
    fileId: f.fileId,
    sm3: f.sm3,
    ...(f.receivedSm3 !== undefined ? { receivedSm3: f.receivedSm3 } : {}),
    bytes: f.bytes,
    contentType: f.contentType,
    ...(f.width !== undefined ? { width: f.width } : {}),
    ...(f.height !== undefined ? { height: f.height } : {}),
    uploadedAt: f.uploadedAt,
  };
}

/** Every checklist item of the case with its source, status and files. */
export async function materialItems(store: MaterialReads, c: CaseRecord, bt: BusinessType) {
  const files = await store.filesOf(c.caseId);
  const commitments = await store.commitmentsOf(c.caseId);
  return bt.materials.map((m) => {
    const mine = files.filter((f) => f.materialCode === m.code);
    const committed =
      commitments.find((x) => x.materialCode === m.code) ??
      (m.code === 'marriage' ? maritalCommitmentOf(c) : undefined);
    const onCase = c.materials.find((x) => x.code === m.code);
    const allowed = m.sources.map((s) => KIND[s]);
    let source: SourceKind = allowed[0];
    let status: 'provided' | 'missing' | 'unclear' = 'missing';
    if (m.code === 'applicationForm') {
      source = 'shared';
      status = 'provided';
    } else if (committed) {
      source = 'commitment';
      status = 'provided';
    } else if (mine.length) {
      source = 'upload';
      status = 'provided';
    } else if (source === 'shared') {
      status = m.code === 'taxReceipt' && !c.taxPaidAt ? 'missing' : 'provided';
    }
    if (onCase?.status === 'unclear' && awaitsCorrection(c)) status = 'unclear';
    return {
      code: m.code,
      name: m.name,
      required: m.required,
      source,
      allowedSources: allowed,
      ...(m.code === 'applicationForm'
        ? { dataSource: '在线生成' }
        : m.dataSource
          ? { dataSource: m.dataSource }
          : {}),
      status,
      files: mine.map(fileView),
      ...(committed ? { committedAt: committed.committedAt } : {}),
    };
  });
}

/**
 * The checklist item a party may supply by this source now: it must be on the checklist, allow
 * the source (the application form is always generated online) and the case must take materials.
 */
export function materialToSupply(
  c: CaseRecord,
  bt: BusinessType,
  code: string,
  source: MaterialSource,
) {
  const m = bt.materials.find((x) => x.code === code);
  if (!m) throw notFound('本业务没有这项材料');
  if (!m.sources.includes(source) || code === 'applicationForm')
    throw err(
      'MATERIAL_SOURCE_NOT_ALLOWED',
      source === 'commitment'
        ? `“${m.name}”不能以承诺代替`
        : `“${m.name}”由${m.dataSource ?? '登记机构'}共享或在线生成，无需上传`,
    );
  if (!acceptsMaterials(c)) throw err('CONFLICT', '办件当前状态不能补充材料');
  return m;
}

/** Records how a checklist item is supplied on the case (replacing an earlier entry). */
export async function setMaterial(
  caseStore: Pick<CaseStore, 'get' | 'update'>,
  clock: Clock,
  caseId: string,
  m: CaseMaterial,
): Promise<void> {
  const c = (await caseStore.get(caseId)) as CaseRecord;
  await updateCase(caseStore, clock, c, {
    materials: [...c.materials.filter((x) => x.code !== m.code), m],
  });
}

export interface MaterialsDeps {
  cases: CaseReads;
  store: MaterialReads;
}

export class Materials {
  constructor(private readonly deps: MaterialsDeps) {}

  async list(caller: PartyCaller, caseId: string) {
    const { c, bt } = await openCase(this.deps.cases, caller, caseId);
    return materialItems(this.deps.store, c, bt);
  }
}
