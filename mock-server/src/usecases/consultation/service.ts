/**
 * 在线咨询: the FAQ search, citizens' questions (general or about one of their
 * own cases) and staff answers. An answer is delivered to the asker's message box in the same
 * transaction; every staff answer (and refused attempt) is written to staff_audit.
 */
import { AppError, notFound, validationFailed } from '../../domain/errors';
import {
  ANSWER_MAX_CHARS,
  checkQuestionText,
  FAQ,
  faqWithCatalogue,
  searchFaq,
  type FaqEntry,
  type QuestionTopic,
} from '../../domain/consultation';
import type { StaffMember } from '../../domain/staff';
import type {
  CatalogueRepository,
  CaseStore,
  Clock,
  ConsultationStore,
  QuestionListFilter,
  QuestionRecord,
  StaffAuditEntry,
} from '../../ports';

export interface ConsultationDeps {
  store: ConsultationStore;
  cases: Pick<CaseStore, 'get' | 'listByPerson' | 'deliver'>;
  /** appends to the staff audit (staff_audit) */
  audit: (e: StaffAuditEntry) => Promise<void>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** the business catalogue: the FAQ says what it offers, and nothing more */
  catalogue: Pick<CatalogueRepository, 'current'>;
}

export interface Asker {
  personId: string;
  name: string;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

const conflict = (message: string) => new AppError('CONFLICT', message);

export class ConsultationService {
  constructor(private readonly deps: ConsultationDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The FAQ entries matching `q`, best first, and how many entries there are in all. */
  async faq(q: string | undefined): Promise<{ items: FaqEntry[]; total: number }> {
    const current = await this.deps.catalogue.current();
    const entries = faqWithCatalogue(FAQ, current?.businessTypes ?? []);
    return { items: searchFaq(q, entries).map((s) => s.entry), total: entries.length };
  }

  async ask(
    asker: Asker,
    body: { topic: QuestionTopic; caseId?: string; text: string },
  ): Promise<QuestionRecord> {
    const checked = checkQuestionText(body.text);
    if (!checked.ok) throw validationFailed(checked.message);
    if (body.topic === 'case') {
      if (!body.caseId) throw validationFailed('咨询办件时请选择办件');
      const own = (await this.deps.cases.listByPerson(asker.personId)).some(
        (c) => c.caseId === body.caseId,
      );
      // somebody else's case answers exactly like a case that does not exist
      if (!own) throw notFound('办件不存在');
    } else if (body.caseId) {
      throw validationFailed('一般咨询不关联办件；咨询办件请选择“办件咨询”');
    }
    const q: QuestionRecord = {
      questionId: this.deps.newId('QST'),
      personId: asker.personId,
      personName: asker.name,
      topic: body.topic,
      ...(body.topic === 'case' ? { caseId: body.caseId } : {}),
      text: checked.text,
      askedAt: this.now(),
    };
    await this.deps.store.insert(q);
    return q;
  }

  mine(asker: Asker): Promise<QuestionRecord[]> {
    return this.deps.store.ofPerson(asker.personId);
  }

  async caseNumberOf(
    caseId: string | undefined,
  ): Promise<{ caseNumber?: string; businessTypeCode?: string }> {
    if (!caseId) return {};
    const c = await this.deps.cases.get(caseId);
    return c
      ? {
          ...(c.caseNumber ? { caseNumber: c.caseNumber } : {}),
          businessTypeCode: c.businessTypeCode,
        }
      : {};
  }

  list(status: QuestionListFilter = 'open'): Promise<QuestionRecord[]> {
    return this.deps.store.list(status);
  }

  async answer(
    staff: StaffMember,
    questionId: string,
    text: string,
    client: ClientInfo,
  ): Promise<QuestionRecord> {
    const audit = (outcome: 'ok' | 'refused', detail: Record<string, unknown>, caseId?: string) =>
      this.deps.audit({
        staffId: staff.staffId,
        staffName: staff.displayName,
        action: 'answerQuestion',
        ...(caseId ? { caseId } : {}),
        at: this.now(),
        clientIp: client.ip,
        ...(client.userAgent ? { userAgent: client.userAgent } : {}),
        outcome,
        detail: { questionId, ...detail },
      });
    const q = await this.deps.store.get(questionId);
    if (!q) {
      await audit('refused', { message: '问题不存在' });
      throw notFound('问题不存在');
    }
    const checked = checkQuestionText(text, ANSWER_MAX_CHARS);
    if (!checked.ok) {
      const message = checked.message.replace('问题', '答复');
      await audit('refused', { message }, q.caseId);
      throw validationFailed(message);
    }
    if (q.answeredAt) {
      await audit('refused', { message: '已答复' }, q.caseId);
      throw conflict('该问题已经答复过了');
    }
    const at = this.now();
    const messageId = this.deps.newId('MSG');
    // the answer and its message to the asker: both or neither; a question answered meanwhile
    // (by someone on this node or another) keeps its first answer
    const done = await this.deps.store.transaction(async () => {
      const ok = await this.deps.store.answer(questionId, {
        answer: checked.text,
        byId: staff.staffId,
        byName: staff.displayName,
        at,
        messageId,
      });
      if (!ok) return false;
      const ref = q.caseId ? (await this.caseNumberOf(q.caseId)).caseNumber : undefined;
      await this.deps.cases.deliver([
        {
          messageId,
          personId: q.personId,
          ...(q.caseId ? { caseId: q.caseId } : {}),
          title: '您的咨询已答复',
          body: `您${ref ? `就办件 ${ref} ` : ''}咨询的问题：“${abbreviate(q.text)}”\n登记中心答复：${checked.text}`,
          deliveredAt: at,
        },
      ]);
      return true;
    });
    if (!done) {
      await audit('refused', { message: '已答复' }, q.caseId);
      throw conflict('该问题已经答复过了');
    }
    await audit('ok', { chars: [...checked.text].length }, q.caseId);
    const answered = await this.deps.store.get(questionId);
    if (!answered) throw notFound('问题不存在');
    return answered;
  }
}

function abbreviate(s: string, max = 60): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
}
