/**
 * Records queries (不动产登记资料查询, 令第80号): the policy (domain/records-query) decides; this use
 * case finds the unit, reads the proof of interest in full (a picture that decodes, a clean PDF), builds the facts the decision
 * allows, seals the 查询结果 document, and records the query (answered or refused) in the
 * append-only records_queries table, on the Merkle log and in the audit log.
 */
import { decodeBase64, queryLeaf, type StoredQueryRecord } from '../../domain/archive';
import type { SealedDocument } from '../../domain/documents';
import { maskIdNumber, maskName } from '../../domain/masking';
import {
  decideQuery,
  formatQueryNumber,
  PURPOSE_NAMES,
  QUERY_ITEM_NAMES,
  REFUSAL_MESSAGES,
  type QueryItem,
  type Refusal,
} from '../../domain/records-query';
import type { RegisterEvent } from '../../domain/register';
import { isAppError, notFound } from '../../domain/errors';
import type {
  ArchiveStore,
  BlobStore,
  Clock,
  PartyDirectory,
  RegisterRepository,
  Sealer,
  UploadInspector,
} from '../../ports';
import type { ArchiveService } from '../archive/service';
import type { CertificateLookupLimit } from '../cases/certificateLookupLimit';

export interface RecordsQueryDeps {
  archive: ArchiveService;
  store: ArchiveStore;
  blobs: BlobStore;
  register: RegisterRepository;
  parties: PartyDirectory;
  sealer: Sealer;
  /** reads a proof of interest in full (decodes pictures, parses PDFs) */
  inspector: UploadInspector;
  clock: Clock;
  newId(prefix: string): string;
  /**
   * the one per-person limit on naming units (usecases/cases/certificateLookupLimit.ts): a query
   * about a unit the caller does not hold counts, as a case opened on it would
   */
  lookups: Pick<CertificateLookupLimit, 'count'>;
}

export interface QueryInput {
  role: string;
  purpose: string;
  unitCode?: string;
  certificateNumber?: string;
  location?: string;
  items?: string[];
  proof?: { mediaType: string; data: string };
  caseReference?: string;
}

export interface Requester {
  personId: string;
  name: string;
}

export type QueryOutcome =
  | {
      outcome: 'answered';
      queryId: string;
      number: string;
      items: QueryItem[];
      downloadable: boolean;
      document: SealedDocument;
    }
  | { outcome: 'refused'; queryId: string; refusals: Refusal[] };

const PROOF_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'application/pdf'];
/** the proof of interest is one photo or scan: at most 40 million pixels */
const PROOF_MAX_PIXELS = 40_000_000;

export class RecordsQueryService {
  constructor(private readonly deps: RecordsQueryDeps) {}

  /**
   * The proof of interest read in full by the upload inspector: a picture that decodes (kept
   * re-encoded), a PDF of pages only, of the type it is declared as. Anything else is no proof.
   */
  private async inspectProof(p: { mediaType: string; data: string }) {
    const bytes = decodeBase64(p.data);
    if (!bytes || !PROOF_TYPES.includes(p.mediaType)) return undefined;
    try {
      const r = await this.deps.inspector.inspect(bytes, { maxPixels: PROOF_MAX_PIXELS });
      return r.type === p.mediaType ? r.bytes : undefined;
    } catch (e) {
      if (isAppError(e)) return undefined;
      throw e;
    }
  }

  private async resolveUnit(input: QueryInput): Promise<{ given: number; unitCode?: string }> {
    const given = [input.unitCode, input.certificateNumber, input.location].filter(
      (x) => typeof x === 'string' && x.trim() !== '',
    ).length;
    if (given !== 1) return { given };
    if (input.unitCode) {
      const code = input.unitCode.replace(/\s+/g, '').toUpperCase();
      return { given, ...((await this.deps.register.unit(code)) ? { unitCode: code } : {}) };
    }
    if (input.certificateNumber) {
      const c = await this.deps.register.certificateByNumber(input.certificateNumber.trim());
      return { given, ...(c ? { unitCode: c.unitCode } : {}) };
    }
    const code = await this.deps.store.unitCodeByLocation(input.location ?? '');
    return { given, ...(code ? { unitCode: code } : {}) };
  }

  async query(who: Requester, input: QueryInput): Promise<QueryOutcome> {
    const at = this.deps.clock.now().toISOString();
    const queryId = this.deps.newId('QRY');
    const { given, unitCode } = await this.resolveUnit(input);
    const view = unitCode ? await this.deps.register.unit(unitCode) : undefined;
    const holdsUnit = Boolean(view?.right?.holders.some((h) => h.personId === who.personId));
    const isOrganOfficer = (await this.deps.store.organOf(who.personId)) !== undefined;
    // naming a unit one does not hold (found or not) counts against the person's lookups
    if (given === 1 && !holdsUnit && !isOrganOfficer) await this.deps.lookups.count(who.personId);
    let proofBytes: Uint8Array | undefined;
    let proof: 'none' | 'valid' | 'invalid' = 'none';
    if (input.proof) {
      proofBytes = await this.inspectProof(input.proof);
      proof = proofBytes ? 'valid' : 'invalid';
    }
    const decision = decideQuery({
      role: input.role,
      purpose: input.purpose,
      items: input.items ?? [],
      unitIdentifiers: given,
      holdsUnit,
      isOrganOfficer,
      proof,
      ...(input.caseReference ? { caseReference: input.caseReference } : {}),
    });
    let refusals: Refusal[] = decision.allowed ? [] : decision.refusals;
    if (decision.allowed && !view) {
      refusals = [{ code: 'UNIT_NOT_FOUND', message: REFUSAL_MESSAGES.UNIT_NOT_FOUND }];
    }
    const actor = { actorId: who.personId, role: input.role, purpose: input.purpose };
    const target = unitCode ?? input.unitCode ?? input.certificateNumber ?? input.location ?? '';
    if (!decision.allowed || refusals.length > 0) {
      const record: StoredQueryRecord = {
        queryId,
        personId: who.personId,
        role: input.role,
        purpose: input.purpose,
        ...(unitCode ? { unitCode } : {}),
        outcome: 'refused',
        resultJson: JSON.stringify({ refusals }),
        at,
      };
      await this.save(record, actor, target, `refused:${refusals.map((r) => r.code).join(',')}`);
      return { outcome: 'refused', queryId, refusals };
    }
    const v = view as NonNullable<typeof view>;
    const proofDigest =
      proofBytes && proof === 'valid' ? await this.deps.blobs.put(proofBytes) : undefined;
    return this.deps.store.transaction(async () => {
      const number = formatQueryNumber(
        Number(at.slice(0, 4)),
        (await this.deps.store.countAnsweredQueries()) + 1,
      );
      const organ = await this.deps.store.organOf(who.personId);
      const body = {
        documentType: 'recordsQueryResult',
        title: '不动产登记资料查询结果证明',
        number,
        queriedAt: at,
        requester: {
          name: maskName(who.name),
          role: input.role,
          ...(input.role === 'stateOrgan' && organ ? { organ } : {}),
        },
        purpose: input.purpose,
        purposeName: PURPOSE_NAMES[input.purpose] ?? input.purpose,
        ...(input.caseReference ? { caseReference: input.caseReference } : {}),
        unit: { unitCode: v.unit.unitCode, location: v.unit.location },
        items: decision.items.map((i) => ({ item: i, name: QUERY_ITEM_NAMES[i] })),
        facts: await this.facts(decision.items, v, who, input.role),
        usage: `本查询结果仅限用于“${PURPOSE_NAMES[input.purpose] ?? input.purpose}”，不得用于其他目的（令第80号）`,
      };
      const document = this.deps.sealer.seal(body) as unknown as SealedDocument;
      const record: StoredQueryRecord = {
        queryId,
        personId: who.personId,
        role: input.role,
        purpose: input.purpose,
        unitCode: v.unit.unitCode,
        outcome: 'answered',
        ...(proofDigest && input.proof
          ? {
              proof: {
                mediaType: input.proof.mediaType,
                digest: proofDigest,
                size: (proofBytes as Uint8Array).length,
              },
            }
          : {}),
        resultJson: JSON.stringify(document),
        at,
      };
      await this.save(record, actor, v.unit.unitCode, `answered:${decision.items.join(',')}`);
      return {
        outcome: 'answered' as const,
        queryId,
        number,
        items: decision.items,
        downloadable: decision.downloadable,
        document,
      };
    });
  }

  private async save(
    record: StoredQueryRecord,
    actor: { actorId: string; role: string; purpose: string },
    target: string,
    outcome: string,
  ): Promise<void> {
    await this.deps.store.transaction(async () => {
      await this.deps.store.saveQuery(record);
      await this.deps.archive.log.append([
        { kind: 'recordsQuery', ref: record.queryId, leafData: queryLeaf(record) },
      ]);
      await this.deps.archive.audit(actor, 'recordsQuery', target, outcome);
    });
  }

  private async facts(
    items: readonly QueryItem[],
    v: UnitView,
    who: Requester,
    role: string,
  ): Promise<Record<string, unknown>> {
    const has = (k: string) => v.restrictions.some((r) => r.kind === k);
    const person = async (id: string) => {
      const p = await this.deps.parties.person(id);
      if (!p) return { name: '*' };
      if (p.kind === 'legal' || role === 'stateOrgan')
        return { name: p.name, idNumber: p.idNumber };
      return p.personId === who.personId
        ? { name: p.name, idNumberMasked: maskIdNumber(p.idNumber) }
        : { name: maskName(p.name), idNumberMasked: maskIdNumber(p.idNumber) };
    };
    const out: Record<string, unknown> = {};
    for (const i of items) {
      switch (i) {
        case 'naturalState':
          out.naturalState = {
            location: v.unit.location,
            use: v.unit.use,
            nature: v.unit.nature,
            buildingArea: v.unit.buildingArea,
            structure: v.unit.structure,
            floor: v.unit.floor,
            totalFloors: v.unit.totalFloors,
            landUseEndsOn: v.unit.landUseEndsOn,
          };
          break;
        case 'coOwnership':
          out.coOwnership = {
            coOwned: (v.right?.holders.length ?? 0) > 1,
            kind: v.right?.coOwnership ?? null,
          };
          break;
        case 'encumbrances':
          out.encumbrances = {
            mortgage: has('mortgage'),
            advanceNotice: has('advanceNotice'),
            objection: has('objection'),
          };
          break;
        case 'restrictions':
          out.restrictions = { seized: has('seizure') };
          break;
        case 'holders':
          out.holders = [];
          for (const h of v.right?.holders ?? []) {
            (out.holders as object[]).push({
              ...(await person(h.personId)),
              ...(h.shareBasisPoints ? { shareBasisPoints: h.shareBasisPoints } : {}),
            });
          }
          out.certificateNumber = v.certificate?.number ?? null;
          break;
        case 'registerHistory':
          out.registerHistory = (await this.deps.store.unitEvents(v.unit.unitCode)).map((e) => {
            const ev = JSON.parse(e.payloadJson) as RegisterEvent;
            return { seq: e.seq, type: ev.type, recordedAt: ev.recordedAt };
          });
          break;
        case 'originalFiles':
          out.originalFiles = (await this.deps.archive.packagesOfUnit(v.unit.unitCode)).map(
            (p) => ({
              packageId: p.packageId,
              archiveNumber: p.archiveNumber,
              filedAt: p.filedAt,
              items: p.items.map((it) => ({
                no: it.no,
                kind: it.kind,
                title: it.title,
                mediaType: it.mediaType,
                digest: it.digest,
              })),
            }),
          );
          break;
      }
    }
    return out;
  }

  mine(who: Requester): Promise<StoredQueryRecord[]> {
    return this.deps.store.queriesOf(who.personId);
  }

  /** The sealed result, for download by the requester (audited). */
  async document(who: Requester, queryId: string): Promise<SealedDocument> {
    const q = await this.deps.store.query(queryId);
    if (!q || q.personId !== who.personId || q.outcome !== 'answered') {
      throw notFound('查询结果不存在');
    }
    await this.deps.archive.audit(
      { actorId: who.personId, role: q.role, purpose: q.purpose },
      'downloadQueryResult',
      queryId,
      'read',
    );
    return JSON.parse(q.resultJson) as SealedDocument;
  }

  /**
   * One original file (原始登记资料) named in an answered query's result: only the requester, only
   * a digest the sealed result lists, only with a downloadable answer; audited like the result.
   */
  async originalFile(
    who: Requester,
    queryId: string,
    digest: string,
  ): Promise<{ bytes: Uint8Array; mediaType: string; title: string }> {
    const q = await this.deps.store.query(queryId);
    if (!q || q.personId !== who.personId || q.outcome !== 'answered') {
      throw notFound('查询结果不存在');
    }
    const doc = JSON.parse(q.resultJson) as SealedDocument;
    const facts = (doc.body as { facts?: { originalFiles?: OriginalFilesFact } }).facts;
    const item = (facts?.originalFiles ?? [])
      .flatMap((p) => p.items)
      .find((it) => it.digest === digest.toLowerCase());
    if (!item) throw notFound('该查询结果中没有这份原始资料');
    const bytes = await this.deps.blobs.get(item.digest);
    if (!bytes) throw notFound('原始资料文件暂不可读，请联系登记机构');
    await this.deps.archive.audit(
      { actorId: who.personId, role: q.role, purpose: q.purpose },
      'downloadOriginalFile',
      `${queryId}/${item.digest}`,
      'read',
    );
    return { bytes, mediaType: item.mediaType, title: item.title };
  }
}

type UnitView = NonNullable<Awaited<ReturnType<RegisterRepository['unit']>>>;

type OriginalFilesFact = {
  items: { digest: string; mediaType: string; title: string }[];
}[];
