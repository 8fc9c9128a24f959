export default definePageConfig({ navigationBarTitleText: '提交权籍调查成果' });
