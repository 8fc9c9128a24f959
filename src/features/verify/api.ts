import type { VerificationResult } from '@contract';
import { getApiClient } from '@/shared/api';

/** Anyone may verify; a logged-in user is recorded (masked) in the holder's log. */
export async function verifyPresentation(
  payload: { token: string } | { code: string },
): Promise<VerificationResult> {
  return (await getApiClient().post<VerificationResult>('/verify', payload)).data;
}
