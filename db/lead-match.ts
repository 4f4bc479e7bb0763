// THE e-mail → business match of engagement events, written once: the intake, the late resolution at apply time
// and repair's lookup of Instantly's leads all use it, so "which business is this lead" has one answer. It is
// scoped to one export's ledger — and an export belongs to one organization and one campaign — so an event can
// never be matched to a business of another campaign or organization.

/**
 * SQL (for a LATERAL join): `business_id` and `deleted` (its personal data was deleted) of the business behind
 * lead `email` (already lower-cased and trimmed) in the ledger of export `exportId`; an uploaded ledger row wins,
 * then the lowest business id. `exact`, when given, is a text[] expression of the e-mail as given and as
 * lower-cased: it lets the plain index on gmaps_businesses.email serve the usual case (an address stored as it is
 * sent); without it the export's ledger is scanned. Arguments are SQL expressions, never outside values.
 */
export const leadBusinessSql = (exportId: string, email: string, exact?: string): string => `
  SELECT l.business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
  FROM gmaps_businesses b JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = ${exportId}
  WHERE ${exact ? `b.email = ANY(${exact}) AND ` : ''}lower(trim(b.email)) = ${email}
  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1`;
