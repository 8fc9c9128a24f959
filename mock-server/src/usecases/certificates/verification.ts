/**
 * Verification by anyone (核验): a presentation's token (from the QR) or its 6-digit code. First
 * the seal and lifetime, offline (the registry's public key only); then, at the registry, that
 * it was issued and has uses left, and the certificate's status now. Every successful
 * verification is logged for the holder, with the verifier masked.
 */
import { discloseFields, extractToken, checkPresentationToken } from '../../domain/presentation';
import type { PresentationClaims } from '../../domain/presentation';
import type { SealedDocument } from '../../domain/documents';
import { maskName } from '../../domain/masking';
import type { CaseStore, Clock } from '../../ports';
import type {
  CertificateStore,
  PresentationSigner,
  VerificationRecord,
} from '../../ports/certificates';
import {
  holdingsProofStatus,
  presentationError,
  type Person,
  type StatusNowView,
  type VerificationView,
} from './views';

export interface VerificationDeps {
  store: Pick<
    CertificateStore,
    'presentationByCode' | 'presentation' | 'holdingsProof' | 'useOnce'
  >;
  cases: Pick<CaseStore, 'documentOfCertificate'>;
  signer: Pick<PresentationSigner, 'publicKeyHex'>;
  statusOf: (certificateId: string) => Promise<StatusNowView>;
  clock: Clock;
  /** the holder told of a verification of their certificate (their 消息 box and the channels) */
  tellHolder?: (v: VerificationRecord) => Promise<void>;
}

export class Verification {
  constructor(private readonly deps: VerificationDeps) {}

  /** `verifier` is the app user who verifies (logged masked); undefined from the web page. */
  async verify(
    input: { token: string } | { code: string },
    verifier: Person | undefined,
  ): Promise<VerificationView> {
    const { deps } = this;
    const now = deps.clock.now();
    const at = now.toISOString();
    let token: string | undefined;
    let via: 'qr' | 'code';
    if ('code' in input) {
      via = 'code';
      token = (await deps.store.presentationByCode(input.code, at))?.token;
      if (!token) throw presentationError('VERIFY_CODE_NOT_FOUND');
    } else {
      via = 'qr';
      token = extractToken(input.token);
      if (!token) throw presentationError('TOKEN_MALFORMED');
    }
    const check = checkPresentationToken(token, deps.signer.publicKeyHex, now);
    if (!check.ok) throw presentationError(check.code);
    const claims = check.claims;
    const p = await deps.store.presentation(claims.pid);
    if (!p || p.nonce !== claims.nonce || p.itemId !== claims.sub || p.token !== token) {
      throw presentationError('PRESENTATION_UNKNOWN');
    }
    // ended before its token's lifetime ran out: the holder logged out (checked in the store,
    // so every node agrees)
    if (p.expiresAt <= at) throw presentationError('PRESENTATION_ENDED');
    const document = await this.documentOf(claims);
    const status: StatusNowView =
      claims.kind === 'holdingsProof' ? holdingsProofStatus() : await deps.statusOf(claims.sub);
    const log: VerificationRecord = {
      presentationId: p.presentationId,
      itemId: p.itemId,
      holderPersonId: p.holderPersonId,
      verifiedAt: at,
      verifierKind: verifier ? 'app' : 'web',
      ...(verifier ? { verifierPersonId: verifier.personId } : {}),
      verifierDisplay: verifier ? `App 用户 ${maskName(verifier.name)}` : '网页核验',
      via,
      view: claims.view,
    };
    // counted and logged in one step: uses left as the store counted them, on whichever node
    const usesLeft = await deps.store.useOnce(log);
    if (usesLeft === undefined) throw presentationError('TOKEN_USED_UP');
    if (claims.kind !== 'holdingsProof') await deps.tellHolder?.(log);
    const body = document.body as Record<string, unknown>;
    return {
      outcome: 'valid',
      verifiedAt: at,
      seal: { valid: true, keyId: claims.kid, algorithm: 'SM2-with-SM3' },
      document: {
        kind: claims.kind,
        title: claims.kind === 'holdingsProof' ? '不动产权属查询证明' : '不动产权证书',
      },
      view: claims.view,
      fields: discloseFields(claims.kind, claims.view, claims.fields, body),
      status,
      presentation: { issuedAt: claims.iat, expiresAt: claims.exp, usesLeft },
      message:
        status.certificate === 'current'
          ? `电子印章有效，证照真实。当前状态：${status.summary}`
          : `电子印章有效，但该证照${status.summary}，不能作为现势权利的证明`,
    };
  }

  private async documentOf(claims: PresentationClaims): Promise<SealedDocument> {
    if (claims.kind === 'holdingsProof') {
      const p = await this.deps.store.holdingsProof(claims.sub);
      if (!p) throw presentationError('PRESENTATION_UNKNOWN');
      return p.document;
    }
    const d = await this.deps.cases.documentOfCertificate(claims.sub);
    if (!d) throw presentationError('PRESENTATION_UNKNOWN');
    return d.document;
  }
}
