/**
 * What a party reads: a case with its documents and the steps they may take now, their cases,
 * their message box and the certificates they hold.
 */
import { availableActions, type CaseRecord } from '../../domain/cases';
import { notFound } from '../../domain/errors';
import type {
  CaseStore,
  Clock,
  HeldCertificate,
  Message,
  RegisterRepository,
  StoredDocument,
} from '../../ports';
import type { CaseAccess } from './access';
import type { CaseView, PartyCaller } from './types';
import type { WorkflowContexts } from './workflowContext';

export interface CaseViewsDeps {
  access: CaseAccess;
  store: Pick<
    CaseStore,
    | 'documentsOfCase'
    | 'listByPerson'
    | 'messagesOf'
    | 'markRead'
    | 'certificatesOf'
    | 'documentOfCertificate'
  >;
  register: Pick<RegisterRepository, 'unit'>;
  clock: Clock;
  workflow: WorkflowContexts;
}

export class CaseViews {
  constructor(private readonly deps: CaseViewsDeps) {}

  /** The case as `caller` sees it (staff read it with an empty caller: no party steps). */
  view(c: CaseRecord, caller: PartyCaller): CaseView {
    const bt = this.deps.access.businessType(c.businessTypeCode);
    const unit = this.deps.register.unit(c.unitCode);
    const actor = { kind: 'party' as const, personId: caller.personId };
    return {
      case: c,
      businessTypeName: bt.name,
      ...(unit ? { location: unit.unit.location } : {}),
      documents: this.deps.store.documentsOfCase(c.caseId),
      availableActions: availableActions(c, actor, this.deps.workflow.of(c, bt)),
    };
  }

  getCase(caller: PartyCaller, caseId: string): CaseView {
    return this.view(this.deps.access.loadForParty(caseId, caller), caller);
  }

  document(caller: PartyCaller, caseId: string, documentId: string): StoredDocument {
    this.deps.access.loadForParty(caseId, caller);
    const d = this.deps.store.documentsOfCase(caseId).find((x) => x.documentId === documentId);
    if (!d) throw notFound('文书不存在');
    return d;
  }

  myCases(caller: PartyCaller): CaseView[] {
    return this.deps.store.listByPerson(caller.personId).map((c) => this.view(c, caller));
  }

  myMessages(caller: PartyCaller): Message[] {
    return this.deps.store.messagesOf(caller.personId);
  }

  readMessage(caller: PartyCaller, messageId: string): Message {
    const at = this.deps.clock.now().toISOString();
    const m = this.deps.store.markRead(messageId, caller.personId, at);
    if (!m) throw notFound('消息不存在');
    return m;
  }

  myCertificates(caller: PartyCaller): (HeldCertificate & { document?: StoredDocument })[] {
    return this.deps.store.certificatesOf(caller.personId).map((c) => {
      const document = this.deps.store.documentOfCertificate(c.certificateId);
      return { ...c, ...(document ? { document } : {}) };
    });
  }
}
