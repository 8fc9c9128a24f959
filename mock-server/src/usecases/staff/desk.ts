/**
 * The staff member's desk: the manual review queue (oldest first) and a case's detail with the
 * result of every intake and review rule, the decisions open now, and the case's audit. Reading a
 * case with personal data is audited too.
 */
import type { CaseRecord } from '../../domain/cases';
import { STAFF_QUEUE_STATUSES } from '../../domain/cases/status';
import { renderSealedBody } from '../../domain/documents/renderers';
import type { RenderedDocument } from '../../domain/documents/rendering';
import { notFound } from '../../domain/errors';
import { evaluateStage, RULES_BY_CODE } from '../../domain/review';
import { staffDecisionsFor, type StaffDecisionKind, type StaffMember } from '../../domain/staff';
import type { CaseStore, RegisterRepository, StaffAuditEntry, StaffStore } from '../../ports';
import type { CaseView } from '../cases/types';
import type { ClientInfo, StaffAudit } from './audit';
import { taxOutstanding, type StaffCaseReads } from './caseReads';

export interface RuleResultView {
  code: string;
  title: string;
  stage: string;
  passed: boolean;
  explanation: string;
  outcomeOnFail: string;
}

export interface StaffCaseView {
  view: CaseView;
  ruleResults: RuleResultView[];
  decisions: StaffDecisionKind[];
  taxOutstanding: boolean;
  audit: StaffAuditEntry[];
  /** each sealed document of the case, rendered for staff (personal data in full) */
  documentRenderings: { documentId: string; rendering: RenderedDocument }[];
  /** the business type's materials by code, in words */
  materialNames: Record<string, string>;
}

export interface QueueItem {
  case: CaseRecord;
  businessTypeName: string;
  location?: string;
}

export interface StaffDeskDeps {
  caseStore: Pick<CaseStore, 'get' | 'listByStatus'>;
  register: Pick<RegisterRepository, 'unit'>;
  cases: StaffCaseReads;
  staff: Pick<StaffStore, 'auditOf'>;
  audit: StaffAudit;
}

export class StaffDesk {
  constructor(private readonly deps: StaffDeskDeps) {}

  async queue(): Promise<QueueItem[]> {
    const waiting = (await this.deps.caseStore.listByStatus(STAFF_QUEUE_STATUSES))
      .filter((c) => c.manualQueue)
      .sort((a, b) => (a.manualQueue!.since < b.manualQueue!.since ? -1 : 1));
    const items: QueueItem[] = [];
    for (const c of waiting) {
      const unit = await this.deps.register.unit(c.unitCode);
      items.push({
        case: c,
        businessTypeName: (await this.deps.cases.businessType(c.businessTypeCode)).name,
        ...(unit ? { location: unit.unit.location } : {}),
      });
    }
    return items;
  }

  async caseDetail(staff: StaffMember, caseId: string, client: ClientInfo): Promise<StaffCaseView> {
    const c = await this.deps.caseStore.get(caseId);
    if (!c) throw notFound('办件不存在');
    const bt = await this.deps.cases.businessType(c.businessTypeCode);
    const ctx = await this.deps.cases.reviewContext(c, bt);
    const ruleResults = [...evaluateStage('intake', ctx), ...evaluateStage('review', ctx)].map(
      (r): RuleResultView => ({
        code: r.code,
        title: RULES_BY_CODE.get(r.code)?.title ?? r.code,
        stage: r.stage,
        passed: r.passed,
        explanation: r.explanation,
        outcomeOnFail: r.outcomeOnFail,
      }),
    );
    const outstanding = await taxOutstanding(this.deps.cases, c);
    // reading a case with personal data is an action too
    await this.deps.audit.record(staff, 'viewCase', client, 'ok', {}, caseId);
    const view = await this.deps.cases.viewCase(c);
    return {
      view,
      documentRenderings: view.documents.flatMap((d) => {
        const rendering = renderSealedBody(d.document?.body, { staff: true });
        return rendering ? [{ documentId: d.documentId, rendering }] : [];
      }),
      ruleResults,
      materialNames: Object.fromEntries(bt.materials.map((m) => [m.code, m.name])),
      decisions: staffDecisionsFor(c, outstanding),
      taxOutstanding: outstanding,
      audit: await this.deps.staff.auditOf(caseId),
    };
  }
}
