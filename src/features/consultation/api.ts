import type {
  AskQuestionBody,
  CaseDetail,
  CaseListResponse,
  ConsultationQuestion,
  FaqItem,
  FaqResponse,
  MyQuestionsResponse,
} from '@contract';
import { getApiClient } from '@/shared/api';

export async function searchFaq(q: string): Promise<FaqItem[]> {
  const params = q.trim() ? { q: q.trim().slice(0, 100) } : {};
  return (await getApiClient().get<FaqResponse>('/consultation/faq', { params })).data.items;
}

export async function askQuestion(body: AskQuestionBody): Promise<ConsultationQuestion> {
  return (await getApiClient().post<ConsultationQuestion>('/consultation/questions', body)).data;
}

export async function fetchMyQuestions(): Promise<ConsultationQuestion[]> {
  return (await getApiClient().get<MyQuestionsResponse>('/consultation/questions/mine')).data.items;
}

export async function fetchMyCases(): Promise<CaseDetail[]> {
  return (await getApiClient().get<CaseListResponse>('/me/cases')).data.items;
}
