/**
 * 权籍调查入库 in chromium: the demo surveying firm's user signs in on the firm's H5 pages,
 * fills in a building (界址点, 分户), uploads the 宗地图 (PDF) and 房产分户图 (picture), seals and
 * submits; a wrong total area is refused with its reason on screen, the corrected result is
 * accepted (已入库) and listed among the firm's results. axe checks every page on the way.
 */
import { DEMO_SURVEY_USER } from '../../mock-server/src/adapters/seed/surveyFirm';
import { png, pdf } from '../server/support/png';
import { CURRENT_PAGE, waitForStationed } from './support/app';
import { useE2E } from './support/harness';

const e2e = useE2E();
const here = (sel: string) => `${CURRENT_PAGE} ${sel}`;

const X0 = 3172000.5;
const Y0 = 40513000.25;
const BOUNDARY = [
  [X0, Y0],
  [X0 + 30, Y0],
  [X0 + 30, Y0 + 30],
  [X0, Y0 + 30],
  [X0, Y0],
]
  .map(([x, y]) => `${x},${y}`)
  .join('\n');
const UNITS = [1, 2]
  .map((n) => `331002001001GB09501F0001000${n},1单元${n}01,${n},住宅,95.50,14.25`)
  .join('\n');

it("a surveying firm's user submits a result from the browser and sees it accepted", async () => {
  const { page } = await e2e.phone();
  await e2e.visit(page, '/#/pages/survey/index');
  await page.locator(here('#survey-username')).fill(DEMO_SURVEY_USER.username);
  await page.locator(here('#survey-password')).fill(DEMO_SURVEY_USER.password);
  await page.locator(here('.ui-button'), { hasText: '登录' }).click();
  const submitEntry = page.locator(here('.ui-button'), { hasText: '提交权籍调查成果' });
  await submitEntry.waitFor();
  await e2e.checkA11y(page, '测绘单位首页');
  await submitEntry.click();
  await waitForStationed(page, '/#/pages/survey/submit');
  await e2e.checkA11y(page, '提交权籍调查成果');

  await page.locator(here('#survey-building')).fill('星海苑9幢');
  await page.locator(here('#survey-location')).fill('椒江区星海路99号星海苑9幢');
  await page.locator(here('#survey-area')).fill('220.50');
  await page.locator(here('#survey-storeys')).fill('2');
  await page.locator(here('#survey-boundary')).fill(BOUNDARY);
  await page.locator(here('#survey-units')).fill(UNITS);
  for (const [kind, label, file] of [
    [
      'parcelMap',
      '上传宗地图',
      { name: 'zongditu.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf('zongditu')) },
    ],
    [
      'unitPlan',
      '上传房产分户图',
      { name: 'fenhutu.png', mimeType: 'image/png', buffer: Buffer.from(png(64, 48, 3)) },
    ],
  ] as const) {
    const chooser = page.waitForEvent('filechooser');
    await page.locator(here('.ui-button'), { hasText: label }).click();
    await (await chooser).setFiles(file);
    await page
      .locator(here(`[data-drawing="${kind}"]`), { hasText: '已上传' })
      .waitFor({ timeout: 30_000 });
  }

  // 2 × (95.50 + 14.25) = 219.50, not 220.50: refused with the reason, nothing entered
  const submit = page.locator(here('.ui-button'), { hasText: '盖章并提交' });
  await submit.click();
  await page.locator(here('.survey__reasons'), { hasText: '超过允许误差' }).waitFor();
  await e2e.checkA11y(page, '成果被退回');

  await page.locator(here('#survey-area')).fill('219.50');
  await submit.click();
  await page.locator(here('.survey__ok'), { hasText: '成果已入库' }).waitFor();
  expect(await page.locator(here('.survey__card')).innerText()).toContain('已入库');
  await e2e.checkA11y(page, '成果已入库');

  await page.locator(here('.ui-button'), { hasText: '返回成果列表' }).click();
  await waitForStationed(page, '/#/pages/survey/index');
  await page.locator(here('.survey__card'), { hasText: '星海苑9幢' }).waitFor();
});
