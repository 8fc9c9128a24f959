/**
 * One template per event, in Chinese, for the channels (短信 and 浙里办消息). A template carries
 * only what the person needs to act: the business, the 业务号, a date, a certificate number, a
 * name masked (李*平) — never an ID number, a phone, an invitation code or a reason text that
 * might name someone. The full message (with the sealed notice) is in the app's 消息 list.
 */
import { maskName } from '../masking';
import type { MessageChannel, MessageEvent } from './events';

export interface TemplateFacts {
  businessTypeName?: string;
  caseNumber?: string;
  /** the person who acted (the inviter): masked in the text */
  actorName?: string;
  certificateNumber?: string;
  /** a date shown as is (补正期限) */
  dueOn?: string;
  /** tax or fee */
  payment?: 'tax' | 'fee';
}

const SIGNATURE = '【台州不动产】';
const APP = '请打开浙里办“掌上不动产”查看';

const caseRef = (f: TemplateFacts): string =>
  `${f.businessTypeName ?? '不动产登记'}${f.caseNumber ? `（业务号${f.caseNumber}）` : ''}`;

const BODIES: Readonly<Record<MessageEvent, (f: TemplateFacts) => string>> = {
  invitation: (f) =>
    `${f.actorName ? maskName(f.actorName) : '申请人'}邀请您共同申请${f.businessTypeName ?? '不动产登记'}，${APP}“待我签署”。`,
  signAgain: (f) => `${caseRef(f)}的申请内容已变更，原签名作废，需您重新签署，${APP}。`,
  correction: (f) =>
    `${caseRef(f)}需补正材料${f.dueOn ? `，请于${f.dueOn}前补正` : ''}，${APP}补正通知书。`,
  accepted: (f) => `${caseRef(f)}已受理，${APP}受理凭证。`,
  paymentDue: (f) =>
    `${caseRef(f)}待缴纳${f.payment === 'fee' ? '登记费' : '税款'}，${APP}并缴纳。`,
  issued: (f) =>
    `${caseRef(f)}已登簿，电子证照${f.certificateNumber ? ` ${f.certificateNumber} ` : ''}已发放，${APP}。`,
  certificateVerified: (f) =>
    `您的不动产权证书${f.certificateNumber ? ` ${f.certificateNumber} ` : ''}刚刚被核验。如非本人出示，${APP}核验记录。`,
};

/** The text of an event on a channel (the same words on both; SMS carries the signature). */
export function renderTemplate(
  event: MessageEvent,
  facts: TemplateFacts,
  channel: MessageChannel,
): string {
  const body = BODIES[event](facts);
  return channel === 'sms' ? `${SIGNATURE}${body}` : body;
}
