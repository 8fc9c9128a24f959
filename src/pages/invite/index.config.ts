export default definePageConfig({ navigationBarTitleText: '签署邀请' });
