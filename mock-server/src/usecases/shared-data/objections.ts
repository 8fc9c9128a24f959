/**
 * A party objects to a shared record with a statement and evidence photos; the record goes back
 * to its source for recheck, and the source's answer decides the objection.
 */
import type { BusinessType } from '../../domain/catalogue';
import { transition } from '../../domain/cases';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import type { CaseStore, Clock } from '../../ports';
import type { SharedDataStore, StoredObjection } from '../../ports/sharedDataStore';
import { loadCase, type PartyCaseAccess } from './caseOf';
import type { Rechecks } from './rechecks';

export interface ObjectionsDeps {
  /** 404 unless the caller takes part in the case; the business type of a case */
  access: PartyCaseAccess & {
    businessType(code: string): BusinessType | Promise<BusinessType>;
  };
  cases: Pick<CaseStore, 'get'>;
  store: Pick<SharedDataStore, 'transaction' | 'record' | 'saveObjection' | 'objectionsOf'>;
  rechecks: Pick<Rechecks, 'request'>;
  /** checks and stores an evidence photo; returns its digest and type; absent: none accepted */
  storeEvidence?: (
    bytes: Uint8Array,
    contentType: string,
  ) => { sm3: string; contentType: string } | Promise<{ sm3: string; contentType: string }>;
  clock: Clock;
  newId: (prefix: string) => string;
}

const conflict = (message: string) => new AppError('CONFLICT', message);

/** A photo from its base64 text; 400 unless it is non-empty, well-formed base64. */
function decodePhoto(e: { contentType: string; data: string }) {
  const bytes = Buffer.from(e.data, 'base64');
  if (
    bytes.length === 0 ||
    bytes.toString('base64').replace(/=+$/, '') !== e.data.replace(/=+$/, '')
  )
    throw validationFailed('证据照片不是有效的 base64 数据');
  return { contentType: e.contentType, bytes: new Uint8Array(bytes) };
}

export class Objections {
  constructor(private readonly deps: ObjectionsDeps) {}

  async object(
    caller: { personId: string; name: string },
    caseId: string,
    recordId: string,
    statement: string,
    /** photos as the app sends them: base64 */
    evidence: { contentType: string; data: string }[],
  ) {
    await this.deps.access.getCase(caller, caseId);
    const photos = evidence.map(decodePhoto);
    const c = await loadCase(this.deps.cases, caseId);
    if (!c.parties.some((p) => p.personId === caller.personId)) throw notFound('办件不存在');
    const stored = await this.deps.store.record(recordId);
    if (!stored || stored.caseId !== caseId) throw notFound('该办件没有这条共享数据');
    if (stored.status !== 'current')
      throw conflict('这条共享数据正在校核或已被更正，不能重复提出异议');
    // the workflow's objectToSharedData: allowed until the case has ended; the record goes back
    // to its source by the recheck below (which notes it on the case's timeline)
    transition(
      c,
      { type: 'objectToSharedData' },
      {
        businessType: await this.deps.access.businessType(c.businessTypeCode),
        actor: { kind: 'party', personId: caller.personId },
        at: this.deps.clock.now().toISOString(),
        partyName: caller.name,
      },
    );
    const text = statement.trim();
    if (!text) throw validationFailed('请说明异议的内容');
    if (photos.length === 0) throw validationFailed('请至少上传一张证据照片');
    const storeEvidence = this.deps.storeEvidence;
    if (!storeEvidence) throw conflict('暂不能接收证据照片');
    const kept: StoredObjection['evidence'] = [];
    for (const e of photos) {
      kept.push({ ...(await storeEvidence(e.bytes, e.contentType)), bytes: e.bytes.length });
    }
    const objectionId = this.deps.newId('OBJ');
    const { store } = this.deps;
    await store.transaction(async () => {
      // again under the write lock: another node may have sent the record back meanwhile
      if ((await store.record(recordId))?.status !== 'current')
        throw conflict('这条共享数据正在校核或已被更正，不能重复提出异议');
      await store.saveObjection({
        objectionId,
        recordId,
        caseId,
        personId: caller.personId,
        statement: text,
        evidence: kept,
        filedAt: this.deps.clock.now().toISOString(),
        status: 'open',
      });
    });
    const recheck = await this.deps.rechecks.request(
      caseId,
      recordId,
      { kind: 'party', id: caller.personId, displayName: caller.name },
      `当事人异议：${text}`,
      objectionId,
    );
    return {
      objection: (await this.deps.store.objectionsOf(caseId)).find(
        (o) => o.objectionId === objectionId,
      ),
      recheck,
    };
  }
}
