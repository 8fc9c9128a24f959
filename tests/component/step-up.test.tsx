import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FaceScreen } from '@/features/auth';
import { STEP_UP_ABANDONED, UnitRecordScreen } from '@/features/myUnits';
import { createApiClient, sessionAuthHooks, setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { setFace } from '@/shared/platform/face';
import { reloadSession, setStepUpPresenter, signIn } from '@/shared/session';
import { CHALLENGE, fakeCamera, LOGIN } from './auth-fakes';
import { fakePlatform, scriptedAdapter } from './fakes';

const CODE = '331004001001GB00029F00010002';
const RECORD = {
  unitCode: CODE,
  location: '台州市路桥区路桥街道紫荆华庭12幢3单元2303室',
  events: [
    {
      seq: 1,
      type: 'unitRegistered',
      recordedAt: '2019-04-02T02:00:00Z',
      summary: '不动产单元设立',
      details: {},
    },
    {
      seq: 2,
      type: 'rightRecorded',
      recordedAt: '2022-03-01T02:00:00Z',
      summary: '首次登记：国有建设用地使用权/房屋所有权',
      details: {},
    },
  ],
};
const STEP_UP = {
  status: 403,
  data: { code: 'STEP_UP_REQUIRED', message: '查询登记资料前需要刷脸确认本人', requestId: 'r1' },
};

describe('step-up: STEP_UP_REQUIRED → face check → the same request resumes', () => {
  let navigateBack: jest.SpyInstance;
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    reloadSession();
    signIn(LOGIN);
    navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never);
  });
  afterEach(() => {
    navigateBack.mockRestore();
    setStepUpPresenter(undefined);
    setFace(undefined);
    setApiClient(undefined);
    setPlatform(undefined);
  });

  function server() {
    let recordCalls = 0;
    const log: string[] = [];
    const s = scriptedAdapter({ status: 200, data: {} });
    const inner = s.adapter;
    const adapter: typeof inner = async (config) => {
      log.push(`${config.method?.toUpperCase()} ${config.url}`);
      if (config.url?.endsWith('/record')) {
        recordCalls++;
        s.reply(recordCalls === 1 ? STEP_UP : { status: 200, data: RECORD });
      } else if (config.url === '/auth/step-up/start') {
        s.reply({ status: 200, data: CHALLENGE });
      } else if (config.url === '/auth/step-up/complete') {
        s.reply({ status: 200, data: { stepUpValidUntil: '2099-01-01T00:05:00Z' } });
      }
      return inner(config);
    };
    setApiClient(
      createApiClient({
        baseURL: '/api/v1',
        adapter,
        retry: { maxAttempts: 1 },
        auth: sessionAuthHooks,
      }),
    );
    return { log, calls: s.calls };
  }

  it('runs the face check and shows the record the original request returns', async () => {
    const { log, calls } = server();
    const camera = fakeCamera();
    setFace(camera.face);
    // the face page, as the coordinator's presenter shows it
    let faceUi: ReturnType<typeof render> | null = null;
    setStepUpPresenter(() => {
      faceUi = render(
        <FaceScreen
          purpose="stepup"
          stepMs={1}
          onStepUpDone={() => setTimeout(() => faceUi?.unmount(), 0)}
        />,
      );
    });

    const page = render(<UnitRecordScreen unitCode={CODE} />);
    expect(page.container.querySelector('.state-view--loading')).toHaveTextContent(
      '正在查询登记记录',
    );

    await waitFor(() => expect(page.container.querySelectorAll('.record-event')).toHaveLength(2), {
      timeout: 5000,
    });
    expect(page.container).toHaveTextContent('首次登记：国有建设用地使用权/房屋所有权');
    expect(log).toEqual([
      `GET /me/units/${CODE}/record`,
      'POST /auth/step-up/start',
      'POST /auth/step-up/complete',
      `GET /me/units/${CODE}/record`,
    ]);
    const complete = calls.find((c) => c.url === '/auth/step-up/complete')!;
    const body = JSON.parse(String(complete.data));
    expect(body.certifyId).toBe('cert-1');
    expect(body.frames).toHaveLength(3);
    expect(new Set(body.frames.map((f: { data: string }) => f.data)).size).toBe(3);
    expect(camera.stats.stopped).toBe(1);
    expect(calls.every((c) => c.headers.get('Authorization') === 'Bearer token-abc')).toBe(true);
  });

  it('a face mismatch is explained with 重试, and a retry succeeds and resumes', async () => {
    setFace(fakeCamera().face);
    // first completion: the face does not match
    let faceUi: ReturnType<typeof render> | null = null;
    setStepUpPresenter(() => {
      faceUi = render(
        <FaceScreen
          purpose="stepup"
          stepMs={1}
          onStepUpDone={() => setTimeout(() => faceUi?.unmount(), 0)}
        />,
      );
    });
    const realComplete = setApiClientFailingFirstComplete();
    const page = render(<UnitRecordScreen unitCode={CODE} />);
    const retry = await screen.findByRole('button', { name: '重试' }, { timeout: 5000 });
    expect(screen.getByRole('alert')).toHaveTextContent('人脸比对未通过');
    realComplete();
    retry.click();
    await waitFor(() => expect(page.container.querySelectorAll('.record-event')).toHaveLength(2), {
      timeout: 5000,
    });
  });

  it('abandoning the face check leaves the page with an explanation and 重试', async () => {
    server();
    setStepUpPresenter(() => {
      // the user closes the face page at once
      const ui = render(<FaceScreen purpose="stepup" stepMs={1000} />);
      ui.unmount();
    });
    setFace(fakeCamera().face);
    render(<UnitRecordScreen unitCode={CODE} />);
    expect(await screen.findByText(STEP_UP_ABANDONED)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });
});

/** Replaces the client so the first step-up completion fails with FACE_MISMATCH; returns "heal". */
function setApiClientFailingFirstComplete(): () => void {
  let failing = true;
  let recordCalls = 0;
  const s = scriptedAdapter({ status: 200, data: {} });
  const adapter: typeof s.adapter = async (config) => {
    if (config.url?.endsWith('/record')) {
      recordCalls++;
      s.reply(recordCalls === 1 ? STEP_UP : { status: 200, data: RECORD });
    } else if (config.url === '/auth/step-up/start') {
      s.reply({ status: 200, data: CHALLENGE });
    } else if (config.url === '/auth/step-up/complete') {
      s.reply(
        failing
          ? {
              status: 403,
              data: {
                code: 'FACE_MISMATCH',
                message: '人脸比对未通过，请正对屏幕重试',
                requestId: 'r2',
              },
            }
          : { status: 200, data: { stepUpValidUntil: '2099-01-01T00:05:00Z' } },
      );
    }
    return s.adapter(config);
  };
  setApiClient(
    createApiClient({
      baseURL: '/api/v1',
      adapter,
      retry: { maxAttempts: 1 },
      auth: sessionAuthHooks,
    }),
  );
  return () => {
    failing = false;
  };
}
