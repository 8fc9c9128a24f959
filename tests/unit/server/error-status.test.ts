/**
 * One error vocabulary: the domain and use cases throw a stable code with a Chinese message, and
 * one table at the HTTP edge gives each code its status.
 */
import { ERROR_CODES } from '../../../mock-server/src/contract';
import * as generalErrors from '../../../mock-server/src/domain/errors';
import { AppError, DOMAIN_ERROR_CODES } from '../../../mock-server/src/domain/errors';
import * as identityErrors from '../../../mock-server/src/domain/identity/errors';
import {
  PRESENTATION_ERROR_CODES,
  PRESENTATION_MESSAGES,
} from '../../../mock-server/src/domain/presentation';
import { ERROR_STATUS, statusOf } from '../../../mock-server/src/http/errorStatus';
import { BY_STATUS, mapError } from '../../../mock-server/src/http/errors';
import { presentationError } from '../../../mock-server/src/usecases/certificates/views';
import { TaxPaymentError } from '../../../mock-server/src/usecases/tax/payTax';

const CHINESE = /\p{Script=Han}/u;

describe('the status table at the HTTP edge', () => {
  it('gives every code of the contract an error status, and names no other code', () => {
    for (const code of ERROR_CODES) {
      expect([code, Number.isInteger(ERROR_STATUS[code])]).toEqual([code, true]);
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code]).toBeLessThan(600);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...new Set(ERROR_CODES)].sort());
  });

  it('answers an AppError with the status of its code, whoever threw it', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      const mapped = mapError(new AppError(code, '测试'));
      expect(mapped).toEqual({ status: statusOf(code), code, message: '测试' });
    }
  });

  it('agrees with the codes the framework’s own refusals get by status', () => {
    for (const [status, { code }] of Object.entries(BY_STATUS)) {
      expect([code, ERROR_STATUS[code]]).toEqual([code, Number(status)]);
    }
  });

  it('carries the details a refusal has beside code and message', () => {
    const e = new AppError('FORBIDDEN', '不能查询', {
      details: { queryId: 'Q1', reasons: [{ code: 'NOT_RIGHT_HOLDER' }] },
    });
    expect(mapError(e)).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: '不能查询',
      details: { queryId: 'Q1', reasons: [{ code: 'NOT_RIGHT_HOLDER' }] },
    });
  });

  it('keeps the Retry-After seconds on the error for the handler', () => {
    expect(identityErrors.lockedOut(900).retryAfterSeconds).toBe(900);
    expect(identityErrors.rateLimited(60).retryAfterSeconds).toBe(60);
  });
});

describe('the factories build a Chinese message', () => {
  // every factory exported by the error modules, called with sample arguments; a new factory
  // must be added here (the completeness check below fails otherwise)
  const built: Record<string, AppError> = {
    validationFailed: generalErrors.validationFailed('请求不符合要求'),
    notFound: generalErrors.notFound('没有这个办件'),
    databaseUnavailable: generalErrors.databaseUnavailable(new Error('down')),
    registerInvariantViolated: generalErrors.registerInvariantViolated('登记簿不一致'),
    catalogueUnavailable: generalErrors.catalogueUnavailable(),
    idNumberInvalid: identityErrors.idNumberInvalid('校验位错误'),
    personUnknown: identityErrors.personUnknown(),
    nameIdMismatch: identityErrors.nameIdMismatch(),
    faceMismatch: identityErrors.faceMismatch(),
    challengeExpired: identityErrors.challengeExpired(),
    challengeNotFound: identityErrors.challengeNotFound(),
    framesTooFew: identityErrors.framesTooFew(3),
    frameInvalid: identityErrors.frameInvalid('第 1 张不是 JPEG 图片'),
    framesReplayed: identityErrors.framesReplayed(),
    frameOutOfWindow: identityErrors.frameOutOfWindow(),
    assertionInvalid: identityErrors.assertionInvalid(),
    assertionReplayed: identityErrors.assertionReplayed(),
    lockedOut: identityErrors.lockedOut(900),
    rateLimited: identityErrors.rateLimited(60),
    zlbTicketInvalid: identityErrors.zlbTicketInvalid(),
    unauthenticated: identityErrors.unauthenticated(),
    stepUpRequired: identityErrors.stepUpRequired(),
    identityPlatformUnavailable: identityErrors.identityPlatformUnavailable(),
  };

  it('covers every factory the error modules export', () => {
    const factories = [generalErrors, identityErrors].flatMap((m) =>
      Object.entries(m)
        .filter(
          ([name, v]) => typeof v === 'function' && name !== 'AppError' && name !== 'isAppError',
        )
        .map(([name]) => name),
    );
    expect(Object.keys(built).sort()).toEqual(factories.sort());
  });

  it.each(Object.entries(built))('%s: an AppError with a Chinese message', (_, e) => {
    expect(e).toBeInstanceOf(AppError);
    expect(e.message.trim()).not.toBe('');
    expect(e.message).toMatch(CHINESE);
    expect(ERROR_STATUS[e.code]).toBeDefined();
  });

  it.each(PRESENTATION_ERROR_CODES)('presentation refusal %s has a Chinese message', (code) => {
    expect(PRESENTATION_MESSAGES[code]).toMatch(CHINESE);
    const e = presentationError(code);
    expect([e.code, e.message]).toEqual([code, PRESENTATION_MESSAGES[code]]);
  });

  it.each(['PAYMENT_UNAVAILABLE', 'RECEIPT_UNAVAILABLE', 'PAYMENT_CONFLICT'] as const)(
    'tax payment refusal %s is an AppError with a Chinese message',
    (code) => {
      const e = new TaxPaymentError(code);
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(CHINESE);
    },
  );
});
