/**
 * What the e-certificate use cases answer with: the holder, a certificate's status now, a wallet
 * item, a verification and its log entry; and the presentation errors they raise.
 */
import type { SealedDocument } from '../../domain/documents';
import { AppError } from '../../domain/errors';
import {
  PRESENTATION_MESSAGES,
  type CertificateStatusNow,
  type DisclosedField,
  type PresentationErrorCode,
  type PresentationView,
} from '../../domain/presentation';

export const presentationError = (code: PresentationErrorCode) =>
  new AppError(code, PRESENTATION_MESSAGES[code]);

export interface Person {
  personId: string;
  name: string;
}

export interface StatusNowView {
  certificate: CertificateStatusNow;
  restrictions: string[];
  summary: string;
}

/** A holdings proof reflects the register when it was issued; it does not change afterwards. */
export const holdingsProofStatus = (): StatusNowView => ({
  certificate: 'current',
  restrictions: [],
  summary: '有效（反映出具时的登记状况）',
});

export interface WalletItemView {
  id: string;
  kind: 'titleCertificate' | 'holdingsProof' | 'oldStyle';
  title: string;
  number: string;
  issuedOn: string;
  location?: string;
  unitCode?: string;
  licenceId?: string;
  form: string;
  status: StatusNowView;
  coOwned: boolean;
  presentable: boolean;
  explanation?: string;
  document?: SealedDocument;
}

export interface VerificationLogView {
  verifiedAt: string;
  verifierKind: 'app' | 'web';
  verifier: string;
  via: 'qr' | 'code';
  view: PresentationView;
}

export interface VerificationView {
  outcome: 'valid';
  verifiedAt: string;
  seal: { valid: true; keyId: string; algorithm: string };
  document: { kind: string; title: string };
  view: PresentationView;
  fields: DisclosedField[];
  status: StatusNowView;
  presentation: { issuedAt: string; expiresAt: string; usesLeft: number };
  message: string;
}
