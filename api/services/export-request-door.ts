import { exportRequestSchema, type ExportRequest } from '../../contracts/schemas/export-request';
import { isInstantlyMappingError, mapTimezone, type TimezoneMapping } from '../../lib/instantly/mapping';
import { badRequest, storableProblems, zodProblems, type FieldProblem } from '../middleware/validate';

/** The timezone an export will use, as the 202 answer reports it. */
export interface TimezoneUsed {
  requested: string;
  used: string;
  substituted: boolean;
  note: string | null;
}

/**
 * Every pure check of an export request, before anything is stored or started: the schema (bounded strings,
 * well-formed placeholders, known template, real extraVariables columns) plus the timezone mapping, which
 * lives in lib/ and so cannot be part of the workflow-safe schema. One 400 names every bad field, the
 * timezone with the nearest Instantly zones. Messages never carry more than a short quote of the input.
 */
export function exportRequestOr400(body: unknown): { request: ExportRequest; timezone: TimezoneUsed } {
  const parsed = exportRequestSchema.safeParse(body);
  const problems: FieldProblem[] = parsed.success ? storableProblems(parsed.data) : zodProblems(parsed.error);
  const requested = timezoneOf(body);
  let mapping: TimezoneMapping | undefined;
  // A timezone the schema already refused (too long, not a string) is named once, by the schema.
  if (requested !== undefined && !problems.some((p) => p.path === 'body.schedule.timezone')) {
    try {
      mapping = mapTimezone(requested);
    } catch (err) {
      if (!isInstantlyMappingError(err)) throw err;
      problems.push({ path: 'body.schedule.timezone', message: err.message });
    }
  }
  if (!parsed.success || problems.length > 0 || mapping === undefined) throw badRequest(problems);
  return {
    request: parsed.data,
    timezone: {
      requested: parsed.data.schedule.timezone,
      used: mapping.timezone,
      substituted: mapping.substituted,
      note: mapping.note ?? null,
    },
  };
}

function timezoneOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || !Object.hasOwn(body, 'schedule')) return undefined;
  const schedule: unknown = (body as { schedule: unknown }).schedule;
  if (schedule === null || typeof schedule !== 'object' || !Object.hasOwn(schedule, 'timezone'))
    return undefined;
  const timezone: unknown = (schedule as { timezone: unknown }).timezone;
  return typeof timezone === 'string' ? timezone : undefined;
}
