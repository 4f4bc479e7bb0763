/**
 * Every column of gmaps_businesses (prisma/schema.prisma's Business model), so `extraVariables` can be checked
 * at the door without a database round trip. test/integration/export-door.test.ts compares it with the
 * migrated table; pre-flight still checks information_schema at run time. Pure data, workflow-safe.
 */
export const BUSINESS_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'campaign_id',
  'name',
  'email',
  'first_name',
  'last_name',
  'phone',
  'website',
  'address',
  'category',
  'city',
  'state',
  'postal_code',
  'rating',
  'reviews_count',
  'icebreaker',
  'subject_line',
  'instantly_sent_at',
  'instantly_opened_at',
  'instantly_clicked_at',
  'instantly_replied_at',
  'instantly_reply_text',
  'instantly_reply_subject',
  'instantly_engagement_score',
  'instantly_bounced_at',
  'instantly_unsubscribed_at',
  'personal_data_deleted_at',
  'interest_status',
  'interest_source',
  'interest_updated_at',
  'ooo_return_date',
  'reply_label',
  'created_at',
  'updated_at',
]);

/** PostgreSQL's identifier length limit: no column name is longer. */
export const MAX_COLUMN_NAME = 63;
