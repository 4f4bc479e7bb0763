/**
 * Payload keys that carry no personal data: what an event keeps after its lead's personal data was deleted
 * (type, time, step, variant and campaign/workspace references). Everything else — lead_email, the lead's
 * merged fields, custom variables, reply text, unibox links — is dropped.
 */
export const NON_PII_PAYLOAD_KEYS = [
  'timestamp',
  'event_type',
  'workspace',
  'campaign_id',
  'campaign_name',
  'step',
  'variant',
  'is_first',
  'email_id',
] as const;

/** SQL expression: `column` (jsonb) reduced to the non-PII keys given as text[] parameter `$param`. */
export const strippedPayloadSql = (column: string, param: string): string =>
  `(SELECT coalesce(jsonb_object_agg(k.key, k.value), '{}'::jsonb) FROM jsonb_each(${column}) AS k WHERE k.key = ANY(${param}::text[]))`;

/**
 * SQL expression: the hex SHA-256 of the normalised form (lower(trim())) of the e-mail expression `email`, the
 * key of personal_data_suppressions. Computed in SQL everywhere (erasure, export eligibility, webhook intake) so
 * the three always agree on what "the same address" is.
 */
export const emailSha256Sql = (email: string): string =>
  `encode(sha256(convert_to(lower(trim(${email})), 'UTF8')), 'hex')`;
