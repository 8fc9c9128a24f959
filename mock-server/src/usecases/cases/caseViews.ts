/**
 * What a party reads: a case with its documents and the steps they may take now, their cases,
 * their message box and the certificates they hold.
 */
import { roleLabelOf } from '../../domain/catalogue';
import { availableActions, isFinished, type CaseRecord } from '../../domain/cases';
import { renderSealedBody } from '../../domain/documents/renderers';
import type { RenderedDocument } from '../../domain/documents/rendering';
import { notFound } from '../../domain/errors';
import type {
  CaseStore,
  Clock,
  HeldCertificate,
  RegisterRepository,
  StoredDocument,
} from '../../ports';
import type { CaseAccess } from './access';
import { decodeCursor, encodeCursor, PAGE_SIZE } from './pageCursor';
import type { CaseFiling, CaseView, PartyCaller } from './types';
import type { WorkflowContexts } from './workflowContext';

export interface CaseViewsDeps {
  access: CaseAccess;
  store: Pick<
    CaseStore,
    'documentsOfCase' | 'listByPerson' | 'pageByPerson' | 'certificatesOf' | 'documentOfCertificate'
  >;
  register: Pick<RegisterRepository, 'unit'>;
  clock: Clock;
  workflow: WorkflowContexts;
  /** the archive's package of a finished case (refused, withdrawn… as well as issued), if filed */
  filingOf: (caseId: string) => Promise<CaseFiling | undefined>;
}

export class CaseViews {
  constructor(private readonly deps: CaseViewsDeps) {}

  /** The case as `caller` sees it (staff read it with an empty caller: no party steps). */
  async view(c: CaseRecord, caller: PartyCaller): Promise<CaseView> {
    const bt = await this.deps.access.businessType(c.businessTypeCode);
    const unit = await this.deps.register.unit(c.unitCode);
    const actor = { kind: 'party' as const, personId: caller.personId };
    const finished = isFinished(c);
    const filing = finished ? await this.deps.filingOf(c.caseId) : undefined;
    return {
      case: c,
      businessTypeName: bt.name,
      roleLabels: Object.fromEntries(c.parties.map((p) => [p.role, roleLabelOf(bt, p.role)])),
      ...(unit ? { location: unit.unit.location } : {}),
      documents: await this.deps.store.documentsOfCase(c.caseId),
      availableActions: availableActions(c, actor, await this.deps.workflow.of(c, bt)),
      finished,
      ...(filing ? { filing } : {}),
    };
  }

  async getCase(caller: PartyCaller, caseId: string): Promise<CaseView> {
    return this.view(await this.deps.access.loadForParty(caseId, caller), caller);
  }

  /** A sealed document of the case with its readable rendering for this caller. */
  async document(
    caller: PartyCaller,
    caseId: string,
    documentId: string,
  ): Promise<StoredDocument & { rendering?: RenderedDocument }> {
    await this.deps.access.loadForParty(caseId, caller);
    const d = (await this.deps.store.documentsOfCase(caseId)).find(
      (x) => x.documentId === documentId,
    );
    if (!d) throw notFound('文书不存在');
    const body = (d.document as { body?: unknown } | undefined)?.body;
    const rendering = renderSealedBody(body, { personId: caller.personId, name: caller.name });
    return { ...d, ...(rendering ? { rendering } : {}) };
  }

  /**
   * 我的办件, one page at a time (newest first): only the page's cases are read and viewed, so the
   * answer costs the same however many cases the person has had. `nextCursor` when more follow.
   */
  async myCases(
    caller: PartyCaller,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: CaseView[]; nextCursor?: string }> {
    const limit = Math.min(PAGE_SIZE.max, Math.max(1, page.limit ?? PAGE_SIZE.default));
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const cases = await this.deps.store.pageByPerson(caller.personId, {
      limit: limit + 1,
      ...(after ? { after: { createdAt: after.at, caseId: after.id } } : {}),
    });
    const shown = cases.slice(0, limit);
    const views: CaseView[] = [];
    for (const c of shown) views.push(await this.view(c, caller));
    const last = shown[shown.length - 1];
    return {
      items: views,
      ...(cases.length > limit && last
        ? { nextCursor: encodeCursor({ at: last.createdAt, id: last.caseId }) }
        : {}),
    };
  }

  async myCertificates(
    caller: PartyCaller,
  ): Promise<(HeldCertificate & { document?: StoredDocument })[]> {
    const held = await this.deps.store.certificatesOf(caller.personId);
    const out: (HeldCertificate & { document?: StoredDocument })[] = [];
    for (const c of held) {
      const document = await this.deps.store.documentOfCertificate(c.certificateId);
      out.push({ ...c, ...(document ? { document } : {}) });
    }
    return out;
  }
}
