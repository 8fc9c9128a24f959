export default definePageConfig({ navigationBarTitleText: '刷脸验证' });
