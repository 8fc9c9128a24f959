// Main package: the four tabs and what a first launch or a shared link needs at once (login,
// face check, a co-signing invitation). WeChat and Alipay keep tabBar pages in the main package.
const MAIN_PAGES = [
  'pages/index/index',
  'pages/cases/index',
  'pages/certificates/index',
  'pages/mine/index',
  'pages/login/index',
  'pages/face/index',
  'pages/invite/index',
];

// On the mini-programs every other feature is a subpackage, downloaded when first opened, so the
// main package stays within its budget (scripts/size-check.mjs). A subpackage root is the
// feature's page folder and a page's route is `/pages/<root>/<page>` on every platform, H5
// included. A tab page's folder cannot be a subpackage root, so the pages that lived beside a tab
// page moved into their feature's folder: 办件详情 is /pages/apply/detail, 证照详情 and 亮证
// /pages/wallet/detail and /pages/wallet/present.
const SUBPACKAGES = [
  // 申请：申请、共同签署、办件详情（补正、询问笔录、买卖合同与税费）
  { root: 'pages/apply', pages: ['index', 'sign', 'detail'] },
  // 证照：证照详情、亮证（列表是标签页，留在主包）
  { root: 'pages/wallet', pages: ['detail', 'present'] },
  // 查询：权属查询；我的不动产及登记记录
  { root: 'pages/query', pages: ['index'] },
  { root: 'pages/units', pages: ['index', 'record'] },
  // 咨询
  { root: 'pages/consult', pages: ['index'] },
  // 扫码核验（SM2 验签在本机完成）
  { root: 'pages/verify', pages: ['index'] },
  // 消息：邀请、补正、受理、缴费、发证和核验的通知（从“我的”进入）
  { root: 'pages/messages', pages: ['index'] },
];

// 测绘单位 (权籍调查入库): H5 only. A surveying firm's staff work from a tablet or desktop
// browser, signed in by the server's cookie session, which the mini-programs do not carry.
const SURVEY_PAGES = ['pages/survey/index', 'pages/survey/submit'];

// H5 loads every page lazily already: it gets the same routes as one flat list, and its first-load
// script does not carry package declarations it has no use for.
const packaging =
  process.env.TARO_ENV === 'h5'
    ? {
        pages: [
          ...MAIN_PAGES,
          ...SUBPACKAGES.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
          ...SURVEY_PAGES,
        ],
      }
    : {
        pages: MAIN_PAGES,
        subPackages: SUBPACKAGES,
        // The subpackage a page usually leads to is fetched while that page is open: home and 办件
        // lead to 申请/办件详情, 证照 to its detail, login to 我的不动产 (where a finished login lands).
        preloadRule: {
          'pages/index/index': { network: 'all' as const, packages: ['pages/apply'] },
          'pages/cases/index': { network: 'all' as const, packages: ['pages/apply'] },
          'pages/certificates/index': { network: 'all' as const, packages: ['pages/wallet'] },
          'pages/login/index': { network: 'all' as const, packages: ['pages/units'] },
        },
      };

export default defineAppConfig({
  ...packaging,
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '掌上不动产',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#0b57d0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // icons drawn by scripts/tab-icons.mjs in the two colours above (written out: Taro reads
      // this list when building each platform)
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-on.png',
      },
      {
        pagePath: 'pages/cases/index',
        text: '办件',
        iconPath: 'assets/tabbar/cases.png',
        selectedIconPath: 'assets/tabbar/cases-on.png',
      },
      {
        pagePath: 'pages/certificates/index',
        text: '证照',
        iconPath: 'assets/tabbar/certificates.png',
        selectedIconPath: 'assets/tabbar/certificates-on.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-on.png',
      },
    ],
  },
});
