import type {
  DeviceSession,
  FaceFrame,
  FaceStartResponse,
  LoginResponse,
  MeResponse,
  SessionsResponse,
  StepUpResponse,
} from '@contract';
import { getApiClient } from '@/shared/api';

/** The same device name the server lists under 当前登录设备. */
export function deviceName(
  platform: string,
  ua = typeof navigator !== 'undefined' ? navigator.userAgent : '',
): string {
  const os = /iPhone|iPad/i.test(ua)
    ? 'iPhone'
    : /Android/i.test(ua)
      ? 'Android'
      : /Mac|Windows|Linux/i.test(ua)
        ? '电脑'
        : '手机';
  const app =
    { h5: '浏览器', zlb: '浙里办', weapp: '微信', alipay: '支付宝' }[platform] ?? platform;
  return `${os} · ${app}`;
}

export async function startFace(name: string, idNumber: string): Promise<FaceStartResponse> {
  return (await getApiClient().post<FaceStartResponse>('/auth/face/start', { name, idNumber }))
    .data;
}

export async function completeFace(
  certifyId: string,
  frames: FaceFrame[],
  device: string,
): Promise<LoginResponse> {
  return (
    await getApiClient().post<LoginResponse>('/auth/face/complete', {
      certifyId,
      frames,
      deviceName: device,
    })
  ).data;
}

export async function startStepUp(): Promise<FaceStartResponse> {
  return (await getApiClient().post<FaceStartResponse>('/auth/step-up/start', {})).data;
}

export async function completeStepUp(
  certifyId: string,
  frames: FaceFrame[],
): Promise<StepUpResponse> {
  return (
    await getApiClient().post<StepUpResponse>('/auth/step-up/complete', { certifyId, frames })
  ).data;
}

export async function loginWithZlbTicket(ticketId: string, device: string): Promise<LoginResponse> {
  return (
    await getApiClient().post<LoginResponse>('/auth/zlb/ticket', { ticketId, deviceName: device })
  ).data;
}

export async function zlbStepUp(passId: string): Promise<StepUpResponse> {
  return (await getApiClient().post<StepUpResponse>('/auth/zlb/step-up', { passId })).data;
}

export async function logout(): Promise<void> {
  await getApiClient().post('/auth/logout', {});
}

export async function fetchMe(): Promise<MeResponse> {
  return (await getApiClient().get<MeResponse>('/me')).data;
}

export async function fetchSessions(): Promise<DeviceSession[]> {
  return (await getApiClient().get<SessionsResponse>('/me/sessions')).data.items;
}

export async function endSession(id: string): Promise<void> {
  await getApiClient().delete(`/me/sessions/${encodeURIComponent(id)}`);
}
