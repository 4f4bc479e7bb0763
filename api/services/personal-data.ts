import { erasePersonalData, type ErasureResult } from '../../db/personal-data';
import type { PrismaClient } from '../../lib/prisma';
import { notFound } from '../errors';

/**
 * DELETE /api/businesses/:id/personal-data: erases a person of the caller's organization, found by the business
 * and by its normalised e-mail, in one transaction (see db/personal-data.ts): every business of the organization
 * with that address is cleared, their events stripped, ledger reasons quoting it redacted, and the address's
 * SHA-256 suppressed in the organization. 404 for an unknown business or another organization's (the same
 * answer). Idempotent (a second call changes nothing). `otherBusinessesCleared`: other businesses of the
 * organization with the same address; `addressSuppressed`: false when the business had no address.
 */
export async function deletePersonalData(
  prisma: PrismaClient,
  organizationId: string,
  businessId: string,
): Promise<ErasureResult> {
  const result = await erasePersonalData(prisma, organizationId, businessId);
  if (!result) throw notFound(`business ${businessId}`);
  return result;
}
