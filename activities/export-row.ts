import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import { exportRequestSchema, type ExportRequest } from '../contracts/schemas/export-request';
import { TEMPLATES, type TemplateStep } from '../contracts/templates';
import type { PrismaClient } from '../lib/prisma';

/** Loads an export row and its validated request; ExportNotFound (non-retryable) when missing. */
export async function loadExport(prisma: PrismaClient, exportId: string) {
  const row = await prisma.instantlyExport.findUnique({ where: { id: exportId } });
  if (!row) throw ApplicationFailure.nonRetryable(`export ${exportId} not found`, ERROR_TYPES.exportNotFound);
  const parsed = exportRequestSchema.safeParse(row.request);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(
      `stored export request is invalid: ${parsed.error.message}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
  return { row, request: parsed.data };
}

/** The request's sequence, or the named built-in template's. */
export function resolveSequence(request: ExportRequest): TemplateStep[] {
  if (request.sequence) return request.sequence;
  const template = TEMPLATES[request.template ?? ''];
  if (!template) {
    throw ApplicationFailure.nonRetryable(
      `unknown template ${JSON.stringify(request.template)}; known: ${Object.keys(TEMPLATES).join(', ')}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
  return template;
}

/** Every subject and body of a sequence, variants included. */
export const sequenceTexts = (steps: TemplateStep[]): string[] =>
  steps.flatMap((s) => [s.subject, s.body, ...(s.variants ?? []).flatMap((v) => [v.subject, v.body])]);
