export default definePageConfig({ navigationBarTitleText: '我的不动产' });
