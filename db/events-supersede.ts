// Repair synthesizes a stand-in (source 'poll', one per export, lead and kind) for an event Instantly's per-lead
// counters prove but we do not hold. When the real event is stored and applied — before or after the stand-in —
// the stand-in is superseded: it leaves the per-step counters, the counters, the reply inbox and the event log,
// so each real event counts once. Runs inside the apply transaction (export advisory lock held), after the claim,
// for the leads of the given event ids; the real event's own business columns already went through LEAST.
// Only leads whose lead touch (db/engagement-counters.ts) says a stand-in was counted are looked at — the
// counting runs before this statement, so a stand-in claimed in the same batch has set it — which keeps the
// statement O(batch) instead of reading every event of every lead of the batch.

/**
 * Marks applied, not yet superseded stand-ins of the leads in $1 (event ids) that have an applied real event of
 * the same export and kind, and subtracts them from the per-step counters they were added to.
 */
export const SUPERSEDE_STAND_INS_SQL = `
WITH cand AS (
  SELECT DISTINCT ON (p.id) p.id AS poll_id, r.id AS real_id
  FROM gmaps_instantly_events c
  JOIN gmaps_instantly_lead_touches t ON t.export_id = c.export_id AND t.event_type = c.event_type
   AND t.lead_key = c.business_id::text AND t.poll
  JOIN gmaps_instantly_events p ON p.business_id = c.business_id AND p.export_id = c.export_id
   AND p.event_type = c.event_type AND p.source = 'poll' AND p.applied_at IS NOT NULL AND p.superseded_by IS NULL
  JOIN gmaps_instantly_events r ON r.business_id = p.business_id AND r.export_id = p.export_id
   AND r.event_type = p.event_type AND r.source <> 'poll' AND r.applied_at IS NOT NULL
  WHERE c.id = ANY($1::bigint[]) AND c.export_id IS NOT NULL AND c.business_id IS NOT NULL
  ORDER BY p.id, r.id
), sup AS (
  UPDATE gmaps_instantly_events p SET superseded_by = cand.real_id FROM cand WHERE p.id = cand.poll_id
  RETURNING p.export_id, p.step, coalesce(p.variant, -1) AS variant, p.event_type
), dec AS (
  SELECT export_id, step, variant, event_type, count(*)::int AS n FROM sup WHERE step IS NOT NULL GROUP BY 1, 2, 3, 4
), steps AS (
  UPDATE gmaps_instantly_step_counters s SET events = s.events - dec.n FROM dec
  WHERE s.export_id = dec.export_id AND s.step = dec.step AND s.variant = dec.variant
    AND s.event_type = dec.event_type
  RETURNING 1
)
SELECT (SELECT count(*) FROM sup)::int AS superseded`;
