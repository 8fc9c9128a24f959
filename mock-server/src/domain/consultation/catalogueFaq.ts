/**
 * The FAQ answers about what can be applied for, written from the business catalogue itself so
 * that they can never promise more than the catalogue offers: the business types applied for on
 * the phone, those handled only at the counter, and what is issued at once. Pure.
 */
import { applicationOf, type BusinessType } from '../catalogue';
import type { FaqEntry } from './faq-data';

const list = (bts: BusinessType[]) => bts.map((b) => `“${b.name}”`).join('、');

/** 在手机上办理可以办哪些业务？ from the current catalogue. */
export function servicesFaq(businessTypes: readonly BusinessType[]): FaqEntry {
  const online = businessTypes.filter((b) => applicationOf(b).online);
  const instant = businessTypes.filter((b) => b.kind === 'query' && !applicationOf(b).online);
  const counter = businessTypes.filter(
    (b) => !applicationOf(b).online && b.kind !== 'query' && applicationOf(b).records,
  );
  const parts = [
    online.length
      ? `目前可以在本应用在线申请的登记业务有：${list(online)}。`
      : '目前没有可以在线申请的登记业务。',
    instant.length ? `${list(instant)}在“我的不动产”中即时出具，不需要办件。` : '',
    counter.length ? `${list(counter)}目前只能到登记中心窗口办理。` : '',
    '目录中没有的登记业务本应用暂不提供，请到不动产登记中心窗口咨询办理。本应用另提供在线查询和在线咨询；权籍调查成果由测绘单位在本应用的测绘单位页面（浏览器）在线提交入库。',
  ];
  return {
    id: 'faq-02',
    question: '在手机上办理可以办哪些业务？',
    answer: parts.filter(Boolean).join(''),
    tags: ['业务范围', '浙里办', '在线申请', '查询', '咨询', ...online.map((b) => b.name)],
    source: '本应用业务目录（按当前发布的业务目录生成）',
  };
}

/** The FAQ with its catalogue-written entries in place of the static ones of the same id. */
export function faqWithCatalogue(
  entries: readonly FaqEntry[],
  businessTypes: readonly BusinessType[],
): FaqEntry[] {
  const generated = [servicesFaq(businessTypes)];
  const byId = new Map(generated.map((e) => [e.id, e]));
  const out = entries.map((e) => byId.get(e.id) ?? e);
  for (const g of generated) if (!entries.some((e) => e.id === g.id)) out.push(g);
  return out;
}
