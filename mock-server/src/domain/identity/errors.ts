/**
 * The identity and session errors, each with its stable code and a Chinese message a citizen
 * can act on (the edge chooses each code's HTTP status: http/errorStatus.ts). Never put the ID
 * number or the name into a message.
 */
import { AppError } from '../errors';

export const idNumberInvalid = (reason: string) =>
  new AppError('ID_NUMBER_INVALID', `身份证号码不正确：${reason}`);
export const personUnknown = () =>
  new AppError('PERSON_UNKNOWN', '未查询到该身份证号码的户籍信息，请核对后重试');
export const nameIdMismatch = () =>
  new AppError('NAME_ID_MISMATCH', '姓名与身份证号码不一致，请核对后重试');
export const faceMismatch = () =>
  new AppError('FACE_MISMATCH', '人脸比对未通过，请确认是本人操作，在光线充足处正对镜头重试');
export const challengeExpired = () =>
  new AppError('CHALLENGE_EXPIRED', '人脸验证已超时，请重新开始');
export const challengeNotFound = () =>
  new AppError('CHALLENGE_NOT_FOUND', '人脸验证会话不存在或已使用，请重新开始');
export const framesTooFew = (min: number) =>
  new AppError('FRAMES_TOO_FEW', `采集的画面不足 ${min} 张，请按提示完成动作`);
export const frameInvalid = (why: string) =>
  new AppError('FRAME_INVALID', `采集的画面无效：${why}`);
export const framesReplayed = () =>
  new AppError('FRAMES_REPLAYED', '检测到重复或已使用过的画面，请重新进行人脸验证');
export const frameOutOfWindow = () =>
  new AppError('FRAME_OUT_OF_WINDOW', '画面拍摄时间不在本次验证的有效时间内，请重新验证');
export const assertionInvalid = () =>
  new AppError('ASSERTION_INVALID', '身份认证结果校验失败，请重新验证');
export const assertionReplayed = () =>
  new AppError('ASSERTION_REPLAYED', '该身份认证结果已被使用，请重新验证');
export const lockedOut = (retryAfterSeconds: number) =>
  new AppError(
    'LOCKED_OUT',
    `验证失败次数过多，请约 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试（仅限本网络的此次登录，本人在其他网络或通过浙里办登录不受影响）`,
    { retryAfterSeconds },
  );
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    'RATE_LIMITED',
    `登录尝试过于频繁，请约 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    { retryAfterSeconds },
  );
export const zlbTicketInvalid = () =>
  new AppError('ZLB_TICKET_INVALID', '浙里办登录凭证无效或已过期，请重新进入');
export const identityPlatformUnavailable = () =>
  new AppError('IDENTITY_PLATFORM_UNAVAILABLE', '身份认证平台暂时无法访问，请稍后再试', {
    retryAfterSeconds: 30,
  });
export const unauthenticated = (message = '登录已失效，请重新登录') =>
  new AppError('UNAUTHENTICATED', message);
export const stepUpRequired = () => new AppError('STEP_UP_REQUIRED', '此操作需要重新进行人脸验证');

/** Codes that count as a failed login attempt (for lock-out and rate limiting). */
export const LOGIN_FAILURE_CODES: ReadonlySet<string> = new Set([
  'ID_NUMBER_INVALID',
  'PERSON_UNKNOWN',
  'NAME_ID_MISMATCH',
  'FACE_MISMATCH',
  'CHALLENGE_EXPIRED',
  'CHALLENGE_NOT_FOUND',
  'FRAMES_TOO_FEW',
  'FRAME_INVALID',
  'FRAMES_REPLAYED',
  'FRAME_OUT_OF_WINDOW',
  'ASSERTION_INVALID',
  'ASSERTION_REPLAYED',
  'ZLB_TICKET_INVALID',
]);
