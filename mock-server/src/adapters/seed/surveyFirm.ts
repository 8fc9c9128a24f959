/**
 * The demo surveying firm (demo mode only; a real deployment adds firms with
 * `npm run survey:firm`). Its 统一社会信用代码 passes the GB 32100 check; it is not a real firm.
 */
export const DEMO_SURVEY_FIRM = {
  name: '台州星海测绘有限公司（演示）',
  creditCode: '91331000MA2DEM001Q',
  licenceNumber: '乙测资字33100001',
  licenceValidUntil: '2030-12-31',
};

export const DEMO_SURVEY_USER = {
  username: 'cehui',
  displayName: '测绘员 陈工',
  password: 'Taizhou-survey-2026',
};

/** A developer for a 首次登记 demo at the counter (not in the seeded register). */
export const DEMO_DEVELOPER = {
  name: '台州星海置业有限公司（演示）',
  creditCode: '91331002MA2KF50019',
};
