export default definePageConfig({ navigationBarTitleText: '权籍调查入库' });
