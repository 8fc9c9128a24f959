import type { LoginResponse, MyUnit } from '@contract';
import type { CameraSession, FaceCapability } from '@/shared/platform/face';

export const LOGIN: LoginResponse = {
  session: {
    token: 'token-abc',
    expiresAt: '2099-01-01T12:00:00.000Z',
    idleExpiresAt: '2099-01-01T00:30:00.000Z',
  },
  user: {
    personId: 'P001',
    name: '李*平',
    idNumberMasked: '331081********8315',
    phoneMasked: '136****2878',
  },
};

export const CHALLENGE = {
  certifyId: 'cert-1',
  challenge: { actions: ['张嘴', '左转头'], nonce: 'n1', expiresAt: '2099-01-01T00:02:00.000Z' },
  minFrames: 3,
  maxFrameBytes: 512000,
};

/** A camera whose frames differ each time; records how often it was opened and stopped. */
export function fakeCamera(overrides: Partial<FaceCapability> = {}) {
  let n = 0;
  const stats = { opened: 0, stopped: 0, frames: 0 };
  const face: FaceCapability = {
    kind: 'camera',
    platform: 'h5',
    async openCamera() {
      stats.opened++;
      const session: CameraSession = {
        async capture() {
          stats.frames++;
          n++;
          return { data: btoa(`jpeg-frame-${n}`), bytes: 12, capturedAt: new Date().toISOString() };
        },
        stop() {
          stats.stopped++;
        },
      };
      return session;
    },
    ...overrides,
  };
  return { face, stats };
}

export const UNITS: MyUnit[] = [
  {
    unitCode: '331004001001GB00029F00010002',
    location: '台州市路桥区路桥街道紫荆华庭12幢3单元2303室',
    certificateNumber: '浙(2022)台州市不动产权第0001234号',
    rightType: '国有建设用地使用权/房屋所有权',
    area: 118.5,
    use: '住宅',
    coOwnership: 'joint',
    coOwners: [{ nameMasked: '叶*华', idNumberMasked: '331083********7966' }],
    restrictions: [
      { kind: 'mortgage', since: '2022-03-01' },
      { kind: 'seizure', since: '2025-06-01' },
    ],
    paperOnly: false,
    oldStyle: false,
  },
  {
    unitCode: '331022001002GB00011F00020001',
    location: '台州市三门县沙柳街道海韵花园4幢3单元1403室',
    certificateNumber: null,
    rightType: '房屋所有权',
    area: 89,
    use: '住宅',
    coOwnership: 'sole',
    coOwners: [],
    restrictions: [],
    paperOnly: true,
    oldStyle: true,
  },
];
