/**
 * Transitional: a party's case read synchronously (404 unless a party), for the signing, sale
 * and shared-data use cases that still read it synchronously; the same view as
 * `CaseViews.getCase`, from the synchronous store on the same connection; and 民政's answer stored
 * on a case synchronously for the signing area's marital pledge, the same step as
 * `CaseParties.recordMarriageCheck`. Goes once those areas await the asynchronous use cases.
 */
import {
  availableActions,
  isBeforeSubmission,
  type CaseRecord,
  type MarriageCheck,
} from '../../domain/cases';
import { notFound } from '../../domain/errors';
import type {
  Clock,
  PartyDirectory,
  RegisterRepository,
  StoredInquiry,
  SyncCaseStore,
} from '../../ports';
import type { CaseAccess } from './access';
import type { CaseParties } from './parties';
import type { CaseView, PartyCaller } from './types';

export interface SyncCaseReadsDeps {
  store: Pick<SyncCaseStore, 'get' | 'documentsOfCase' | 'update'>;
  access: Pick<CaseAccess, 'businessType'>;
  /** the register's parties and any spouse whose consent 民政's answer makes necessary */
  rules: Pick<CaseParties, 'withRegisterParties' | 'cancelledMortgageOf'>;
  clock: Clock;
  register: Pick<RegisterRepository, 'unit'>;
  parties: Pick<PartyDirectory, 'person'>;
  /** read synchronously, like the case (the signing store itself answers promises) */
  inquiries: { inquiriesOf(caseId: string): Pick<StoredInquiry, 'partyId'>[] };
}

export class SyncCaseReads {
  constructor(private readonly deps: SyncCaseReadsDeps) {}

  async getCase(caller: PartyCaller, caseId: string): Promise<CaseView> {
    const { deps } = this;
    const c = deps.store.get(caseId);
    if (
      !c ||
      (!c.parties.some((p) => p.personId === caller.personId) && c.createdBy !== caller.personId)
    ) {
      throw notFound('办件不存在');
    }
    const bt = await deps.access.businessType(c.businessTypeCode);
    const unit = await deps.register.unit(c.unitCode);
    const organisationIds: string[] = [];
    for (const id of new Set(c.parties.map((p) => p.personId))) {
      if ((await deps.parties.person(id))?.kind === 'legal') organisationIds.push(id);
    }
    const context = {
      businessType: bt,
      inquiryAnsweredBy: deps.inquiries.inquiriesOf(c.caseId).map((i) => i.partyId),
      organisationIds,
    };
    return {
      case: c,
      businessTypeName: bt.name,
      ...(unit ? { location: unit.unit.location } : {}),
      documents: deps.store.documentsOfCase(c.caseId),
      availableActions: availableActions(c, { kind: 'party', personId: caller.personId }, context),
    };
  }

  businessType(code: string) {
    return this.deps.access.businessType(code);
  }

  /** 民政's answer stored on a case before submission, adding any spouse who must consent */
  async recordMarriageCheck(caseId: string, check: MarriageCheck): Promise<CaseRecord> {
    const { deps } = this;
    const c = deps.store.get(caseId);
    if (!c) throw notFound('办件不存在');
    if (!isBeforeSubmission(c)) return c;
    const bt = await deps.access.businessType(c.businessTypeCode);
    const parties = await deps.rules.withRegisterParties(
      bt,
      c.unitCode,
      c.parties,
      await deps.rules.cancelledMortgageOf(c),
      check,
    );
    const next: CaseRecord = {
      ...c,
      parties,
      marriageCheck: check,
      updatedAt: deps.clock.now().toISOString(),
      version: c.version + 1,
    };
    deps.store.update(next, c.version);
    return next;
  }
}
