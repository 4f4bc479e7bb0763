import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_TYPES, quoteInput } from '../contracts/errors';
import { exportRequestSchema, type ExportRequest } from '../contracts/schemas/export-request';
import { TEMPLATES, type TemplateStep } from '../contracts/templates';
import { findExport } from '../db/exports';
import type { PrismaClient } from '../lib/prisma';

/** Loads an export row and its validated request; ExportNotFound (non-retryable) when missing. */
export async function loadExport(prisma: PrismaClient, exportId: string) {
  const row = await findExport(prisma, exportId);
  if (!row) throw ApplicationFailure.nonRetryable(`export ${exportId} not found`, ERROR_TYPES.exportNotFound);
  const parsed = exportRequestSchema.safeParse(row.request);
  if (!parsed.success) {
    // Field paths and zod's own messages only: never the stored values themselves.
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw ApplicationFailure.nonRetryable(
      `stored export request is invalid: ${issues.join('; ')}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
  return { row, request: parsed.data };
}

/** The request's sequence, or the named built-in template's. */
export function resolveSequence(request: ExportRequest): readonly TemplateStep[] {
  if (request.sequence) return request.sequence;
  const template = TEMPLATES.get(request.template ?? '');
  if (!template) {
    throw ApplicationFailure.nonRetryable(
      `unknown template ${quoteInput(request.template)}; known: ${[...TEMPLATES.keys()].join(', ')}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
  return template;
}

/** Every subject and body of a sequence, variants included. */
export const sequenceTexts = (steps: readonly TemplateStep[]): string[] =>
  steps.flatMap((s) => [s.subject, s.body, ...(s.variants ?? []).flatMap((v) => [v.subject, v.body])]);
