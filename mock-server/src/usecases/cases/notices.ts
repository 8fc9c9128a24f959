/**
 * Telling the parties: a message in every party's message box, and the numbered, sealed notices
 * (受理凭证, 不予受理 / 补正 / 不予登记 notices) that the message carries.
 */
import type { BusinessType } from '../../domain/catalogue';
import { addresseesOf, beijingDate, type CaseRecord, type ReasonItem } from '../../domain/cases';
import { maskNamesFor, type NamedPerson } from '../../domain/masking';
import {
  formatNoticeNumber,
  NOTICE_TITLES,
  noticeBody,
  serialKey,
  type NoticeKind,
} from '../../domain/documents';
import type { MessageEvent, TemplateFacts } from '../../domain/messaging';
import type { CaseStore, Clock, RegisterRepository, Sealer } from '../../ports';
import type { MessageBox } from '../messaging/raiseMessages';
import { sealBody } from '../shared/sealing';

/** what a message tells on the channels, and what it opens besides its case */
export interface MessageTells {
  event?: MessageEvent;
  facts?: TemplateFacts;
  certificateId?: string;
  invitationCode?: string;
}

/** the notices told on the channels as events (the others stay in the app) */
const EVENT_OF_NOTICE: Partial<Record<NoticeKind, MessageEvent>> = {
  acceptanceReceipt: 'accepted',
  correctionNotice: 'correction',
};

export interface CaseNoticesDeps {
  store: Pick<CaseStore, 'nextSerial' | 'saveDocument'>;
  /** every person's 消息 box (and the channels, for the events they carry) */
  box: MessageBox;
  register: Pick<RegisterRepository, 'unit'>;
  sealer: Pick<Sealer, 'seal'>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** where results are delivered, named in the notices (config DELIVERY_CHANNEL) */
  deliveryChannel: string;
}

export class CaseNotices {
  constructor(private readonly deps: CaseNoticesDeps) {}

  /** A message to every party of the case (once per person), optionally carrying a document. */
  async deliver(
    c: CaseRecord,
    title: string,
    body: string,
    documentId?: string,
    tells: MessageTells = {},
  ): Promise<void> {
    await this.deliverTo(c.caseId, addresseesOf(c), title, body, documentId, tells, c.parties);
  }

  /**
   * A message about the case to each of `people`, optionally carrying a document. The persons
   * `named` (the case's parties) are masked in each copy but their own (docs/registry-facts.md
   * §8): a party learns that 应*拒绝签署, not the other party's full name.
   */
  async deliverTo(
    caseId: string,
    people: readonly string[],
    title: string,
    body: string,
    documentId?: string,
    tells: MessageTells = {},
    named: readonly NamedPerson[] = [],
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.box.deliver(
      people.map((personId) => ({
        messageId: this.deps.newId('MSG'),
        personId,
        caseId,
        ...(documentId ? { documentId } : {}),
        title: maskNamesFor(title, personId, named),
        body: maskNamesFor(body, personId, named),
        deliveredAt: at,
        ...(tells.event ? { event: tells.event } : {}),
        ...(tells.facts ? { facts: tells.facts } : {}),
        ...(tells.certificateId ? { certificateId: tells.certificateId } : {}),
        ...(tells.invitationCode ? { invitationCode: tells.invitationCode } : {}),
      })),
    );
  }

  /** Numbers, seals, stores a notice and delivers it to `to` (every party of the case). */
  async notice(
    c: CaseRecord,
    bt: BusinessType,
    kind: NoticeKind,
    reasons: ReasonItem[],
    basis: string[],
    to: readonly string[] = addresseesOf(c),
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const issuedOn = beijingDate(at);
    const year = Number(issuedOn.slice(0, 4));
    const number = formatNoticeNumber(
      kind,
      year,
      await this.deps.store.nextSerial(serialKey(kind, year)),
    );
    const unit = await this.deps.register.unit(c.unitCode);
    const body = noticeBody({
      kind,
      number,
      issuedAt: at,
      issuedOn,
      caseNumber: c.caseNumber ?? '',
      businessTypeName: bt.name,
      unitCode: c.unitCode.length === 28 ? c.unitCode : c.unitCode.padEnd(28, '0').slice(0, 28),
      location: unit?.unit.location ?? '',
      addressees: [...new Set(c.parties.map((p) => p.name))],
      reasons,
      basis,
      deliveryChannel: this.deps.deliveryChannel,
      ...(kind === 'acceptanceReceipt' && c.promisedDueOn
        ? { promisedDueOn: c.promisedDueOn, statutoryDueOn: c.statutoryDueOn }
        : {}),
      ...(kind === 'correctionNotice' && c.correction?.dueOn
        ? {
            correctionDue: {
              dueOn: c.correction.dueOn,
              stage: c.correction.stage ?? 'intake',
            },
          }
        : {}),
    });
    const documentId = this.deps.newId('DOC');
    await this.deps.store.saveDocument({
      documentId,
      kind,
      number,
      caseId: c.caseId,
      issuedAt: at,
      document: sealBody(this.deps.sealer, body),
    });
    await this.deliverTo(
      c.caseId,
      to,
      `${NOTICE_TITLES[kind]}（${number}）`,
      body.text,
      documentId,
      EVENT_OF_NOTICE[kind]
        ? {
            event: EVENT_OF_NOTICE[kind],
            facts: {
              businessTypeName: bt.name,
              ...(c.caseNumber ? { caseNumber: c.caseNumber } : {}),
              ...(kind === 'correctionNotice' && c.correction?.dueOn
                ? { dueOn: c.correction.dueOn }
                : {}),
            },
          }
        : {},
      c.parties,
    );
  }
}
