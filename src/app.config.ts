export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/cases/index',
    'pages/certificates/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/face/index',
    'pages/units/index',
    'pages/units/record',
    'pages/certificates/detail',
    'pages/certificates/present',
    'pages/verify/index',
  ],
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
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/cases/index', text: '办件' },
      { pagePath: 'pages/certificates/index', text: '证照' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
});
