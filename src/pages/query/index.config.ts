export default definePageConfig({ navigationBarTitleText: '权属查询' });
