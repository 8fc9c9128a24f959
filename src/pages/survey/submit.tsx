import { SurveySubmit } from '@/features/survey/SurveySubmit';
import { Page } from '@/shared/ui';

export default function SurveySubmitPage() {
  return (
    <Page title="提交权籍调查成果" className="survey-page">
      <SurveySubmit />
    </Page>
  );
}
