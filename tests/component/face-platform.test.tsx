import {
  base64Bytes,
  CAMERA_MESSAGES,
  CameraError,
  cameraProblemOf,
  createH5Face,
  createMiniFace,
  createZlbFace,
  type MiniCameraApi,
} from '@/shared/platform/face';

describe('face capability per container', () => {
  it('h5: explains a denied camera, a missing camera and a browser without getUserMedia', async () => {
    const video = document.createElement('video');
    const denied = createH5Face({
      getUserMedia: () =>
        Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })),
    });
    await expect(denied.openCamera({ video })).rejects.toMatchObject({
      problem: 'denied',
      message: CAMERA_MESSAGES.denied,
    });
    const none = createH5Face({
      getUserMedia: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotFoundError' })),
    });
    await expect(none.openCamera({ video })).rejects.toMatchObject({ problem: 'unavailable' });
    await expect(createH5Face(undefined).openCamera({ video })).rejects.toMatchObject({
      problem: 'unsupported',
    });
    expect(cameraProblemOf({ name: 'OverconstrainedError' })).toBe('unavailable');
    expect(cameraProblemOf({ name: 'NotReadableError' })).toBe('failed');
    expect(new Set(Object.values(CAMERA_MESSAGES)).size).toBe(Object.keys(CAMERA_MESSAGES).length);
  });

  it('base64Bytes gives the decoded size', () => {
    expect(base64Bytes(btoa('abc'))).toBe(3);
    expect(base64Bytes(btoa('abcd'))).toBe(4);
    expect(base64Bytes(btoa('abcde'))).toBe(5);
  });

  it('浙里办: ssoTicket and zmAuthentication through ZWJSBridge after onReady', async () => {
    const camera = createH5Face(undefined);
    const bridge = {
      onReady: jest.fn((cb: () => void) => cb()),
      ssoTicket: jest.fn(async () => ({ ticketId: 'T-1' })),
      zmAuthentication: jest.fn(async () => ({ pass: true, passId: 'PASS-9' })),
    };
    const face = createZlbFace(bridge, camera);
    expect(face.kind).toBe('zlb');
    await expect(face.ssoTicket!()).resolves.toBe('T-1');
    await expect(face.zmAuthentication!('331081198512258315', '李国平')).resolves.toEqual({
      pass: true,
      passId: 'PASS-9',
    });
    expect(bridge.zmAuthentication).toHaveBeenCalledWith({
      certNo: '331081198512258315',
      certName: '李国平',
    });
    expect(bridge.onReady).toHaveBeenCalledTimes(1);
  });

  it('浙里办: 1003 (name/ID mismatch) and a failed check have their own messages', async () => {
    const face = createZlbFace(
      {
        onReady: (cb) => cb(),
        zmAuthentication: jest.fn().mockRejectedValueOnce({ code: 1003 }).mockResolvedValueOnce({
          pass: false,
          passId: '',
        }),
        ssoTicket: async () => ({}),
      },
      createH5Face(undefined),
    );
    await expect(face.zmAuthentication!('x', 'y')).rejects.toMatchObject({
      code: '1003',
      message: '姓名与公民身份号码不一致，请核对后重试。',
    });
    await expect(face.zmAuthentication!('x', 'y')).rejects.toMatchObject({ code: '1001' });
    await expect(face.ssoTicket!()).rejects.toMatchObject({ code: 'noTicket' });
  });

  it('weapp/alipay: takePhoto frames read as base64, size-checked; no permission → denied', async () => {
    const jpeg = btoa('\xff\xd8\xff frame \xff\xd9');
    const api: MiniCameraApi = {
      createCameraContext: () => ({
        takePhoto: (o) => o.success?.({ tempImagePath: 'wxfile://tmp/1.jpg' }),
      }),
      readFileBase64: async () => jpeg,
      authorizeCamera: async () => true,
    };
    const session = await createMiniFace('weapp', api).openCamera({ cameraId: 'face-camera' });
    const frame = await session.capture(512000);
    expect(frame).toMatchObject({ data: jpeg, bytes: base64Bytes(jpeg) });
    await expect(session.capture(4)).rejects.toBeInstanceOf(CameraError);
    await expect(
      createMiniFace('alipay', { ...api, authorizeCamera: async () => false }).openCamera({}),
    ).rejects.toMatchObject({ problem: 'denied' });
  });
});
