import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ExportRequest } from '../../contracts/schemas/export-request';
import { exportWorkflowId } from '../../contracts/workflow-ids';
import { instantlyCampaignName } from '../../contracts/export-summary';
import { campaignExists } from '../../db/campaigns';
import type { ExportRow } from '../../db/export-reads';
import {
  claimIdempotencyKey,
  findByIdempotencyKey,
  findIdentical,
  insertExport,
} from '../../db/export-requests';
import type { PrismaClient } from '../../lib/prisma';
import { exportCampaignWorkflow } from '../../workflows/export';
import { exportStartOptions } from '../../workflows/starts';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { exportRequestHash } from './export-request-hash';

/**
 * Starts the export's workflow, or finds it: the workflow id is the export's business key, a running one is
 * reused (USE_EXISTING) and a closed one is never started again (REJECT_DUPLICATE → already started). So any
 * number of callers may call this for the same row (the request that inserted it, an identical request, a status
 * read after a crash between insert and start) and exactly one run exists.
 */
export async function ensureExportWorkflow({ temporal, env }: ApiDeps, row: ExportRow): Promise<void> {
  try {
    await temporal.workflow.start(exportCampaignWorkflow, exportStartOptions(row, env.TEMPORAL_TASK_QUEUE));
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** A running row that no workflow has touched yet: nothing pre-flight or later steps write is set. */
export const neverRan = (row: ExportRow): boolean =>
  row.status === 'running' && row.timezoneRequested === null && row.instantlyCampaignId === null;

/** Inserts contending for the same key: each round either inserts or finds the winner; a lost race retries. */
const ATTEMPTS = 5;

/**
 * Finds or creates the organization's export for a request, with the row insert as the single point of truth:
 * INSERT … ON CONFLICT DO NOTHING against the unique (organization, idempotency key) and (campaign, dedupe hash).
 * No database transaction is held while Temporal is called; the workflow is started after the insert (and again,
 * harmlessly, for an existing row that never ran, which heals a crash between the two). A campaign of another
 * organization is a 404, exactly as an unknown one.
 */
export async function startExport(
  deps: ApiDeps,
  organizationId: string,
  campaignId: string,
  request: ExportRequest,
  idempotencyKey: string | undefined,
): Promise<{ existing: boolean; row: ExportRow }> {
  const { prisma } = deps;
  if (!(await campaignExists(prisma, organizationId, campaignId))) throw notFound(`campaign ${campaignId}`);
  const requestHash = exportRequestHash(request);
  const dedupeHash = request.force ? null : requestHash;
  const q = { organizationId, campaignId, requestHash, dedupeHash, idempotencyKey };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await findExisting(prisma, q);
    if (found) {
      if (neverRan(found)) await ensureExportWorkflow(deps, found);
      return { existing: true, row: found };
    }
    const id = randomUUID();
    const nameTag = `ib-${id.replace(/-/g, '').slice(0, 12)}`;
    const row = await insertExport(prisma, organizationId, {
      id,
      campaignId,
      nameTag,
      requestHash,
      dedupeHash,
      idempotencyKey: idempotencyKey ?? null,
      status: 'running',
      instantlyName: instantlyCampaignName(request.campaignName, nameTag),
      workflowId: exportWorkflowId(id),
      request,
    });
    if (row) {
      await ensureExportWorkflow(deps, row);
      return { existing: false, row };
    }
  }
  throw new HttpError(409, 'conflict', 'the export is being changed concurrently; retry the request');
}

async function findExisting(
  prisma: PrismaClient,
  q: {
    organizationId: string;
    campaignId: string;
    requestHash: string;
    dedupeHash: string | null;
    idempotencyKey: string | undefined;
  },
): Promise<ExportRow | null> {
  if (q.idempotencyKey !== undefined) {
    const keyed = await findByIdempotencyKey(prisma, q.organizationId, q.idempotencyKey);
    if (keyed) {
      if (keyed.campaignId !== q.campaignId || keyed.requestHash !== q.requestHash) {
        throw new HttpError(
          422,
          'idempotency_key_reused',
          `Idempotency-Key was already used for a different request (export ${keyed.id}); use a new key`,
        );
      }
      return keyed;
    }
  }
  if (q.dedupeHash === null) return null;
  const identical = await findIdentical(prisma, q.organizationId, q.campaignId, q.dedupeHash);
  if (!identical || q.idempotencyKey === undefined || identical.idempotencyKey !== null) return identical;
  // Remember the key on the export it resolved to, so the key keeps naming it even after the export ends.
  // A lost race (the key landed on another row, or another key on this one) returns null: the caller looks again.
  return (await claimIdempotencyKey(prisma, q.organizationId, identical.id, q.idempotencyKey))
    ? { ...identical, idempotencyKey: q.idempotencyKey }
    : null;
}
