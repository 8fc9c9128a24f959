/**
 * Stable codes of a refused verification or presentation, with the Chinese message a
 * verifier or holder sees. Kept free of imports: domain/errors.ts lists them among the domain's
 * codes and the contract among the API's.
 */
export const PRESENTATION_ERROR_CODES = [
  'TOKEN_MALFORMED',
  'TOKEN_SEAL_INVALID',
  'TOKEN_LIFETIME_INVALID',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_EXPIRED',
  'TOKEN_USED_UP',
  'PRESENTATION_UNKNOWN',
  'PRESENTATION_ENDED',
  'VERIFY_CODE_NOT_FOUND',
  'NOT_PRESENTABLE',
  // the printable PDF
  'NOT_PRINTABLE',
  'PRINT_TIME_INVALID',
  'PRINT_CHECK_INVALID',
] as const;
export type PresentationErrorCode = (typeof PRESENTATION_ERROR_CODES)[number];

export const PRESENTATION_MESSAGES: Record<PresentationErrorCode, string> = {
  TOKEN_MALFORMED: '无法识别的亮证码：内容不完整或格式不正确，请重新扫码',
  TOKEN_SEAL_INVALID: '核验不通过：亮证码的电子签章无效，内容可能被篡改或不是登记机构签发的',
  TOKEN_LIFETIME_INVALID: '核验不通过：亮证码的有效期不符合规定（最长5分钟）',
  TOKEN_NOT_YET_VALID: '核验不通过：亮证码的签发时间晚于当前时间，请核对设备时间',
  TOKEN_EXPIRED:
    '核验不通过：亮证码已过期（有效期最长5分钟），截图或旧码不能使用，请持证人重新出示',
  TOKEN_USED_UP: '核验不通过：该亮证码已达到可核验次数，请持证人重新出示',
  PRESENTATION_UNKNOWN: '核验不通过：登记机构没有签发过该亮证码',
  PRESENTATION_ENDED: '核验不通过：持证人已退出登录，该亮证码已失效，请持证人重新出示',
  VERIFY_CODE_NOT_FOUND: '核验码不存在或已过期，请核对6位数字或请持证人重新出示',
  NOT_PRESENTABLE: '该证照当前不能出示（已注销、已作废或没有电子证照）',
  NOT_PRINTABLE: '该证照没有电子证照，不能下载打印版（旧版证书或尚未制作电子证照）',
  PRINT_TIME_INVALID: '打印时间不正确：只能取最近15分钟内的时间',
  PRINT_CHECK_INVALID: '核验不通过：二维码内容不完整或不是登记机构打印版上的二维码',
};
