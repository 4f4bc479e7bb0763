import type { Client } from 'pg';

// Every row that belongs to one organization, per table, as JSON (all columns, timestamps included), in a
// stable order: two snapshots are equal only when no row of the organization was inserted, changed or deleted.
const OWN_CAMPAIGNS = `SELECT id FROM gmaps_campaigns WHERE organization_id = $1::uuid`;
const OWN_EXPORTS = `SELECT id FROM gmaps_instantly_campaigns WHERE organization_id = $1::uuid`;
const OWN_BUSINESSES = `SELECT id FROM gmaps_businesses WHERE campaign_id IN (${OWN_CAMPAIGNS})`;
const OWN_SUBSCRIPTIONS = `SELECT id FROM event_subscriptions WHERE organization_id = $1::uuid`;

const TABLES = new Map<string, string>([
  ['organizations', `id = $1::uuid`],
  ['organization_instantly_settings', `organization_id = $1::uuid`],
  ['organization_api_tokens', `organization_id = $1::uuid`],
  ['campaigns', `organization_id = $1::uuid`],
  ['businesses', `id IN (${OWN_BUSINESSES})`],
  ['exports', `organization_id = $1::uuid`],
  ['batches', `export_id IN (${OWN_EXPORTS})`],
  ['batchPlans', `export_id IN (${OWN_EXPORTS})`],
  ['ledger', `export_id IN (${OWN_EXPORTS}) OR business_id IN (${OWN_BUSINESSES})`],
  ['stepCounters', `export_id IN (${OWN_EXPORTS})`],
  ['events', `export_id IN (${OWN_EXPORTS}) OR business_id IN (${OWN_BUSINESSES})`],
  ['subscriptions', `organization_id = $1::uuid`],
  ['deliveries', `subscription_id IN (${OWN_SUBSCRIPTIONS})`],
  ['suppressions', `organization_id = $1::uuid`],
]);

const TABLE_NAMES = new Map<string, string>([
  ['campaigns', 'gmaps_campaigns'],
  ['businesses', 'gmaps_businesses'],
  ['exports', 'gmaps_instantly_campaigns'],
  ['batches', 'gmaps_instantly_export_batches'],
  ['batchPlans', 'gmaps_instantly_export_batch_plans'],
  ['ledger', 'gmaps_instantly_export_leads'],
  ['stepCounters', 'gmaps_instantly_step_counters'],
  ['events', 'gmaps_instantly_events'],
  ['subscriptions', 'event_subscriptions'],
  ['deliveries', 'event_deliveries'],
  ['suppressions', 'personal_data_suppressions'],
]);

/** Every row of the organization, table by table (see TABLES), as JSON text in a stable order. */
export async function snapshotOrganization(
  pg: Client,
  organizationId: string,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, where] of TABLES) {
    const table = TABLE_NAMES.get(name) ?? name;
    const { rows } = await pg.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE ${where} ORDER BY 1`,
      [organizationId],
    );
    out[name] = rows.map((r) => r.row);
  }
  return out;
}
