import { NON_PII_PAYLOAD_KEYS, strippedPayloadSql } from '../../lib/engagement/pii';
import type { PrismaClient } from '../../lib/prisma';
import { notFound } from '../errors';

// The business keeps its id, campaign, category/location and engagement timestamps and score (counts stay the
// same); every field that identifies a person or carries their words is cleared.
const CLEAR_BUSINESS_SQL = `
UPDATE gmaps_businesses SET name = '[deleted]', email = NULL, phone = NULL, website = NULL, address = NULL,
  first_name = NULL, last_name = NULL, icebreaker = NULL, subject_line = NULL,
  instantly_reply_text = NULL, instantly_reply_subject = NULL,
  personal_data_deleted_at = coalesce(personal_data_deleted_at, now()), updated_at = now()
WHERE id = $1::uuid
RETURNING personal_data_deleted_at`;

// Events keep type, time, step and variant (and campaign references); lead_email and every other payload key go.
const STRIP_EVENTS_SQL = `
UPDATE gmaps_instantly_events SET lead_email = NULL, payload = ${strippedPayloadSql('payload', '$2')}
WHERE business_id = $1::uuid`;

/**
 * DELETE /api/businesses/:id/personal-data: clears the business's personal fields and strips its events'
 * payloads in one transaction; 404 for an unknown business. Idempotent (a second call changes nothing).
 */
export async function deletePersonalData(prisma: PrismaClient, businessId: string) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ personal_data_deleted_at: Date }[]>(
      CLEAR_BUSINESS_SQL,
      businessId,
    );
    if (!rows[0]) throw notFound(`business ${businessId}`);
    const eventsRedacted = await tx.$executeRawUnsafe(STRIP_EVENTS_SQL, businessId, [
      ...NON_PII_PAYLOAD_KEYS,
    ]);
    return {
      businessId,
      personalDataDeletedAt: rows[0].personal_data_deleted_at.toISOString(),
      eventsRedacted,
    };
  });
}
