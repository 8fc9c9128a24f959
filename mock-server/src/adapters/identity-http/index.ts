/**
 * The real identity platform (实名认证/人脸识别 and the 浙里办 ticket exchange), reached over
 * HTTPS at IDENTITY_PLATFORM_URL behind the same ports as the simulator (IdentityVerifier,
 * ZlbGateway). The registry trusts nothing it answers except what its assertion's SM2 signature
 * proves: the assertion is checked with the platform's published key
 * (IDENTITY_PLATFORM_PUBLIC_KEY) by the auth use cases, never by this adapter. Each request
 * carries the registry's application key (IDENTITY_PLATFORM_APP_KEY).
 *
 * The platform's interface, as this adapter calls it (JSON both ways; a refusal is 4xx with
 * `{ code, message }`, the identity codes of domain/identity/codes.ts):
 *   POST /face/challenges                          {name, idNumber}  → FaceChallengeIssued
 *   POST /face/challenges/{certifyId}/answers      {frames}          → SignedAssertion
 *   POST /zlb/tickets/{ticketId}/exchange                            → {accessToken}
 *   GET  /zlb/user-info      (Authorization: Bearer accessToken)     → ZlbUserInfo
 *   GET  /zlb/passes/{passId}                                        → {certNo, certName, passedAt} | 404
 * An unreachable platform, a 5xx, a timeout or an answer of the wrong shape is
 * IDENTITY_PLATFORM_UNAVAILABLE (503): the citizen tries again later, nothing is recorded.
 */
import { AppError } from '../../domain/errors';
import { identityPlatformUnavailable, type SignedAssertion } from '../../domain/identity';
import { IDENTITY_ERROR_CODES } from '../../domain/identity/codes';
import type {
  FaceChallengeIssued,
  FaceFrameSubmission,
  IdentityVerifier,
  ZlbGateway,
  ZlbUserInfo,
} from '../../ports';

export interface HttpIdentityPlatformOptions {
  /** https://… without a trailing slash */
  url: string;
  /** the platform's SM2 public key, 04‖x‖y hex: what its assertions are checked with */
  publicKeyHex: string;
  /** the registry's application key at the platform */
  appKey: string;
  /** per request, ms */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const PLATFORM_CODES: ReadonlySet<string> = new Set(IDENTITY_ERROR_CODES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';

export class HttpIdentityPlatform implements IdentityVerifier, ZlbGateway {
  readonly publicKeyHex: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: HttpIdentityPlatformOptions) {
    this.publicKeyHex = opts.publicKeyHex;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  async startFace(input: { name: string; idNumber: string }): Promise<FaceChallengeIssued> {
    const r = await this.call('POST', '/face/challenges', {
      name: input.name,
      idNumber: input.idNumber,
    });
    if (
      !isObject(r) ||
      !isString(r.certifyId) ||
      !Array.isArray(r.actions) ||
      !r.actions.every(isString) ||
      !isString(r.nonce) ||
      !isString(r.issuedAt) ||
      !isString(r.expiresAt)
    ) {
      throw identityPlatformUnavailable();
    }
    return {
      certifyId: r.certifyId,
      actions: [...r.actions],
      nonce: r.nonce,
      issuedAt: r.issuedAt,
      expiresAt: r.expiresAt,
      ...(Number.isSafeInteger(r.promptMs) && (r.promptMs as number) >= 300
        ? { promptMs: Math.min(r.promptMs as number, 10_000) }
        : {}),
    };
  }

  async completeFace(input: {
    certifyId: string;
    frames: readonly FaceFrameSubmission[];
  }): Promise<SignedAssertion> {
    const r = await this.call(
      'POST',
      `/face/challenges/${encodeURIComponent(input.certifyId)}/answers`,
      { frames: input.frames },
    );
    // the signature is checked by the caller with the published key (usecases/auth)
    if (!isObject(r) || !isObject(r.claims) || !isString(r.signature)) {
      throw identityPlatformUnavailable();
    }
    return { claims: r.claims as unknown as SignedAssertion['claims'], signature: r.signature };
  }

  async exchangeTicket(ticketId: string): Promise<{ accessToken: string }> {
    const r = await this.call('POST', `/zlb/tickets/${encodeURIComponent(ticketId)}/exchange`);
    if (!isObject(r) || !isString(r.accessToken)) throw identityPlatformUnavailable();
    return { accessToken: r.accessToken };
  }

  async userInfo(accessToken: string): Promise<ZlbUserInfo> {
    const r = await this.call('GET', '/zlb/user-info', undefined, accessToken);
    if (!isObject(r) || !isString(r.userName) || !isString(r.idType) || !isString(r.idNo)) {
      throw identityPlatformUnavailable();
    }
    return {
      userName: r.userName,
      idType: r.idType,
      idNo: r.idNo,
      ...(isString(r.phone) ? { phone: r.phone } : {}),
    };
  }

  async checkPass(
    passId: string,
  ): Promise<{ certNo: string; certName: string; passedAt: string } | undefined> {
    const r = await this.call('GET', `/zlb/passes/${encodeURIComponent(passId)}`, undefined, {
      notFound: true,
    });
    if (r === undefined) return undefined;
    if (!isObject(r) || !isString(r.certNo) || !isString(r.certName) || !isString(r.passedAt)) {
      throw identityPlatformUnavailable();
    }
    return { certNo: r.certNo, certName: r.certName, passedAt: r.passedAt };
  }

  /**
   * One request. A refusal with an identity code becomes that AppError (the platform's words
   * are not passed on: the registry's own message for the code is used); anything else that is
   * not a 2xx JSON answer is IDENTITY_PLATFORM_UNAVAILABLE.
   */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extra?: string | { notFound: true },
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-app-key': this.opts.appKey,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (typeof extra === 'string') headers.authorization = `Bearer ${extra}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.opts.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch {
      throw identityPlatformUnavailable();
    }
    if (res.status === 404 && typeof extra === 'object') return undefined;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw identityPlatformUnavailable();
    }
    if (res.ok) return json;
    const code = isObject(json) && isString(json.code) ? json.code : '';
    if (res.status >= 400 && res.status < 500 && PLATFORM_CODES.has(code)) {
      throw platformRefusal(code);
    }
    throw identityPlatformUnavailable();
  }
}

/** The registry's own error for a code the platform refused with. */
function platformRefusal(code: string): AppError {
  const messages: Record<string, string> = {
    ID_NUMBER_INVALID: '身份证号码不正确',
    PERSON_UNKNOWN: '未查询到该身份证号码的户籍信息，请核对后重试',
    NAME_ID_MISMATCH: '姓名与身份证号码不一致，请核对后重试',
    FACE_MISMATCH: '人脸比对未通过，请确认是本人操作，在光线充足处正对镜头重试',
    CHALLENGE_EXPIRED: '人脸验证已超时，请重新开始',
    CHALLENGE_NOT_FOUND: '人脸验证会话不存在或已使用，请重新开始',
    FRAMES_TOO_FEW: '采集的画面不足，请按提示完成动作',
    FRAME_INVALID: '采集的画面无效，请重新进行人脸验证',
    FRAMES_REPLAYED: '检测到重复或已使用过的画面，请重新进行人脸验证',
    FRAME_OUT_OF_WINDOW: '画面拍摄时间不在本次验证的有效时间内，请重新验证',
    LOCKED_OUT: '验证失败次数过多，请稍后再试',
    ZLB_TICKET_INVALID: '浙里办登录凭证无效或已过期，请重新进入',
  };
  const message = messages[code];
  return message ? new AppError(code as 'FACE_MISMATCH', message) : identityPlatformUnavailable();
}
