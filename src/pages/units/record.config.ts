export default definePageConfig({ navigationBarTitleText: '登记记录' });
