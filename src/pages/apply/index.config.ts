// enableShareAppMessage: WeChat lets an invitation's 转发 button share only from a page that declares it
export default definePageConfig({
  navigationBarTitleText: '我要申请',
  enableShareAppMessage: true,
});
