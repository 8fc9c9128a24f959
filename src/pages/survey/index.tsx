import { SurveyHome } from '@/features/survey/SurveyHome';
import { Page } from '@/shared/ui';

export default function SurveyPage() {
  return (
    <Page title="测绘单位 · 权籍调查入库" className="survey-page">
      <SurveyHome />
    </Page>
  );
}
