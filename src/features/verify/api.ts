import type { PrintCheckResponse, RegistryPublicKeyResponse, VerificationResult } from '@contract';
import { getApiClient } from '@/shared/api';

/** Anyone may verify; a logged-in user is recorded (masked) in the holder's log. */
export async function verifyPresentation(
  payload: { token: string } | { code: string },
): Promise<VerificationResult> {
  return (await getApiClient().post<VerificationResult>('/verify', payload)).data;
}

let registryKey: Promise<RegistryPublicKeyResponse> | null = null;

/** The registry's public key, fetched once per app run and kept (a failed fetch is retried). */
export function registryPublicKey(): Promise<RegistryPublicKeyResponse> {
  registryKey ??= getApiClient()
    .get<RegistryPublicKeyResponse>('/registry/public-key')
    .then((r) => r.data)
    .catch((e: unknown) => {
      registryKey = null;
      throw e;
    });
  return registryKey;
}

/** Tests: forget the cached key. */
export function forgetRegistryPublicKey(): void {
  registryKey = null;
}

/** The QR printed on a certificate PDF: the status now and the number, nothing personal. */
export async function checkPrinted(c: string, check: string): Promise<PrintCheckResponse> {
  return (await getApiClient().get<PrintCheckResponse>('/print-checks', { params: { c, check } }))
    .data;
}
