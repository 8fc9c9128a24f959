/**
 * The demo surveying firm's side of the API (docs/registry-facts.md §16): its user's session
 * (cookie and CSRF token), drawing uploads, the firm's e-seal over a result and the submission.
 */
import type {
  SurveyResultBody,
  SurveyResultListResponse,
  SurveySealBody,
  SurveySessionResponse,
} from '../../../mock-server/src/contract';
import { DEMO_SURVEY_USER } from '../../../mock-server/src/adapters/seed/surveyFirm';
import type { Harness } from './registry';

export interface FirmLogin {
  cookie: string;
  csrf: string;
}

export async function firmLogin(h: Harness): Promise<FirmLogin> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/survey/session',
    payload: { username: DEMO_SURVEY_USER.username, password: DEMO_SURVEY_USER.password },
  });
  expect(res.statusCode).toBe(200);
  const token = /hh_survey=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
  return { cookie: `hh_survey=${token}`, csrf: (res.json() as SurveySessionResponse).csrfToken };
}

export function firm(h: Harness, s: FirmLogin) {
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  return {
    upload: async (bytes: Uint8Array, type: string) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/survey/drawings',
        headers: { ...headers, 'content-type': type },
        payload: Buffer.from(bytes),
      });
      expect(res.statusCode).toBe(201);
      return (res.json() as { digest: string }).digest;
    },
    seal: async (result: SurveyResultBody) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/survey/seal',
        headers,
        payload: { result },
      });
      expect(res.statusCode).toBe(200);
      return res.json() as SurveySealBody;
    },
    submit: (result: SurveyResultBody, seal: SurveySealBody) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/survey/results',
        headers,
        payload: { result, seal },
      }),
    list: async () =>
      (
        (
          await h.app.inject({ method: 'GET', url: '/api/v1/survey/results', headers })
        ).json() as SurveyResultListResponse
      ).items,
  };
}
