// Mini-programs: WeChat lets an invitation's 转发 button share only from a page that declares
// enableShareAppMessage (H5 has no use for it, so its first-load script does not carry it).
export default definePageConfig({
  navigationBarTitleText: '签署申请',
  ...(process.env.TARO_ENV === 'h5' ? {} : { enableShareAppMessage: true }),
});
