/**
 * 亮证: the holder presents an item of their wallet. The registry signs a short-lived token
 * (≤ 300 s) naming the item, the view chosen (which fields are disclosed) and a nonce, shown as
 * a QR code, with a 6-digit code for reading out; each presentation may be verified a few times.
 */
import {
  disclosedFieldNames,
  MAX_TOKEN_LIFETIME_SECONDS,
  type PresentationClaims,
  type PresentationView,
  type PresentedKind,
} from '../../domain/presentation';
// 亮证 points at the same public verify page as every certificate's QR
import { VERIFY_PATH } from '../../domain/documents';
import type { Clock } from '../../ports';
import type { CertificateStore, PresentationSigner } from '../../ports/certificates';
import type { Wallet } from './wallet';
import { presentationError, type Person } from './views';

export const DEFAULT_ALLOWANCE = 3;

export interface PresentationsDeps {
  wallet: Pick<Wallet, 'item'>;
  store: Pick<CertificateStore, 'savePresentation'>;
  signer: Pick<PresentationSigner, 'keyId' | 'signToken'>;
  clock: Clock;
  newId: (prefix: string) => string;
  /** 6 random digits */
  newCode: () => string;
  /** 16 random bytes, hex */
  newNonce: () => string;
  /** lifetime of a presentation, ≤ 300 s */
  ttlSeconds: number;
  /** verifications per presentation (DEFAULT_ALLOWANCE) */
  allowance?: number;
}

export class Presentations {
  private readonly allowance: number;

  constructor(private readonly deps: PresentationsDeps) {
    if (deps.ttlSeconds < 1 || deps.ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new RangeError('presentation lifetime must be 1–300 s');
    }
    this.allowance = deps.allowance ?? DEFAULT_ALLOWANCE;
  }

  async present(caller: Person, itemId: string, view: PresentationView) {
    const { deps } = this;
    const item = await deps.wallet.item(caller, itemId);
    if (!item.presentable || item.kind === 'oldStyle') throw presentationError('NOT_PRESENTABLE');
    const kind: PresentedKind = item.kind;
    const now = deps.clock.now();
    const issuedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + deps.ttlSeconds * 1000).toISOString();
    const presentationId = deps.newId('PRES');
    const fields = disclosedFieldNames(kind, view);
    const claims: PresentationClaims = {
      v: 1,
      typ: 'estate-presentation',
      kid: deps.signer.keyId,
      pid: presentationId,
      sub: item.id,
      kind,
      view,
      fields,
      nonce: deps.newNonce(),
      iat: issuedAt,
      exp: expiresAt,
      uses: this.allowance,
    };
    const token = deps.signer.signToken(claims);
    // the store keeps the code unless a live presentation has it (then it draws another)
    const record = await deps.store.savePresentation(
      {
        presentationId,
        itemId: item.id,
        itemKind: kind,
        holderPersonId: caller.personId,
        view,
        code: deps.newCode(),
        nonce: claims.nonce,
        token,
        issuedAt,
        expiresAt,
        allowance: this.allowance,
        uses: 0,
      },
      deps.newCode,
    );
    return {
      presentationId,
      token,
      verifyPath: VERIFY_PATH,
      code: record.code,
      view,
      fields,
      issuedAt,
      expiresAt,
      refreshAfterSeconds: Math.max(1, Math.min(60, Math.floor(deps.ttlSeconds / 2))),
      allowance: this.allowance,
    };
  }
}
