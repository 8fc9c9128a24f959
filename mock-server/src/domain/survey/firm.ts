/**
 * A licensed surveying firm (测绘单位) as a user of the registry: its 统一社会信用代码 (GB 32100,
 * checked as in docs/registry-facts.md §2), its 测绘资质证书 number and how long the licence runs,
 * and the accounts of its staff. Pure.
 */
import { checkUscc } from '../identifiers';

export interface SurveyFirm {
  firmId: string;
  name: string;
  /** 统一社会信用代码 */
  creditCode: string;
  /** 测绘资质证书编号, e.g. 乙测资字33100123 */
  licenceNumber: string;
  /** the licence's last day, YYYY-MM-DD */
  licenceValidUntil: string;
  createdAt: string;
}

export interface SurveyFirmUser {
  userId: string;
  firmId: string;
  username: string;
  displayName: string;
}

/** 测绘资质证书编号: 甲/乙/丙/丁测资字 and 8 digits (the form the licence prints). */
const LICENCE = /^[甲乙丙丁]测资字\d{8}$/;

export type FirmCheck =
  { ok: true; firm: Omit<SurveyFirm, 'firmId' | 'createdAt'> } | { ok: false; reason: string };

/** Checks a firm's registration data (the 统一社会信用代码 by its GB 32100 check character). */
export function checkFirm(input: {
  name: string;
  creditCode: string;
  licenceNumber: string;
  licenceValidUntil: string;
}): FirmCheck {
  const name = input.name.trim();
  if (name.length < 4 || name.length > 60) return { ok: false, reason: '测绘单位名称应为4–60个字' };
  const code = checkUscc(input.creditCode);
  if (!code.ok) return { ok: false, reason: code.reason };
  const licenceNumber = input.licenceNumber.trim();
  if (!LICENCE.test(licenceNumber))
    return { ok: false, reason: '测绘资质证书编号格式不正确（如 乙测资字33100123）' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.licenceValidUntil))
    return { ok: false, reason: '测绘资质有效期格式应为 YYYY-MM-DD' };
  return {
    ok: true,
    firm: {
      name,
      creditCode: code.value,
      licenceNumber,
      licenceValidUntil: input.licenceValidUntil,
    },
  };
}

/** Whether the firm's licence runs on `date` (YYYY-MM-DD, Beijing). */
export const licenceValidOn = (firm: Pick<SurveyFirm, 'licenceValidUntil'>, date: string) =>
  date <= firm.licenceValidUntil;
