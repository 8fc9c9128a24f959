export default definePageConfig({
  navigationBarTitleText: '掌上不动产',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
