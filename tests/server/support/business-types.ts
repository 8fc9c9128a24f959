/**
 * Seeded people, units and certificates used by the business-type tests, online and
 * at the counter: one list, so a re-seed changes one place.
 */
export const PAN = { idNumber: '331083197105287272', name: '潘晓东' };
export const PAN_UNIT = '331023001008GB05261F00040001';
export const PAN_CERT = '浙(2023)天台县不动产权第0029887号';
export const YANG = { idNumber: '33100419820825953X', name: '杨永明' };
export const YANG_UNIT = '331023001004GB06142F00040001';
/** 杨永明's wife: her consent is required for his unit */
export const XU_CAIYUN = { idNumber: '331002198111070607', name: '徐彩云' };
export const XU = { idNumber: '33100319750804648X', name: '许慧芳' };
export const XU_UNIT = '331023001004GB06142F00100001';
export const YING = { idNumber: '331023196801208629', name: '应敏' };
export const BANK = { idNumber: '9133100089D72YUU7K', name: '中国建设银行股份有限公司台州分行' };

/** mortgage terms for a secured amount in yuan */
export const mortgageTerms = (securedAmountYuan: number) => ({
  mortgageType: '一般抵押',
  securedAmountYuan,
  debtStartsOn: '2026-01-01',
  debtEndsOn: '2046-01-01',
});
