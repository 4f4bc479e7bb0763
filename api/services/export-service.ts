import { WorkflowNotFoundError } from '@temporalio/client';
import { exportProgressQuery, type ExportProgress, type ExportStatus } from '../../contracts/export';
import type { ExportRequest } from '../../contracts/schemas/export-request';
import { countersOf } from '../../contracts/export-summary';
import { exportsOfCampaign, findExport, type ExportRow } from '../../db/export-reads';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { ensureExportWorkflow, neverRan, startExport } from './export-start';
import { temporalUiUrl } from './temporal-links';

/** Export use-cases behind the HTTP routes, each scoped by the caller's organization (another's export = 404). */
export function exportService(deps: ApiDeps) {
  const { prisma, temporal, env } = deps;
  const links = (row: ExportRow) => ({
    exportId: row.id,
    workflowId: row.workflowId,
    statusUrl: `${env.PUBLIC_URL}/api/exports/${row.id}`,
    temporalUiUrl: temporalUiUrl(env, row.workflowId),
  });

  /** Live status of a row still marked running: the workflow's progress, or its real end if it died. */
  async function live(row: ExportRow): Promise<{ status: ExportStatus; progress: ExportProgress | null }> {
    const handle = temporal.workflow.getHandle(row.workflowId);
    try {
      const d = await handle.describe();
      if (d.status.name !== 'RUNNING') {
        const status: ExportStatus =
          d.status.name === 'COMPLETED'
            ? 'completed'
            : d.status.name === 'CANCELLED'
              ? 'cancelled'
              : 'failed';
        return { status, progress: null };
      }
      return { status: 'running', progress: await handle.query(exportProgressQuery) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        // Inserted but never started (the process died in between): start it now instead of calling it failed.
        if (!neverRan(row)) return { status: 'failed', progress: null };
        await ensureExportWorkflow(deps, row);
      }
      return { status: 'running', progress: null };
    }
  }

  async function toDocument(row: ExportRow) {
    const { status, progress } =
      row.status === 'running' ? await live(row) : { status: row.status as ExportStatus, progress: null };
    const finished = status !== 'running';
    return {
      ...links(row),
      campaignId: row.campaignId,
      instantlyCampaignName: row.instantlyName,
      status,
      createdAt: row.createdAt,
      completedAt: row.completedAt,
      progress,
      result: finished
        ? {
            instantlyCampaignId: row.instantlyCampaignId,
            counters: countersOf(row),
            timezone: {
              requested: row.timezoneRequested,
              used: row.timezoneUsed,
              substituted: !!row.timezoneUsed && row.timezoneUsed !== row.timezoneRequested,
            },
            activated: row.activated,
            error: row.errorType
              ? { type: row.errorType, message: row.errorMessage ?? '' }
              : row.status === 'running'
                ? {
                    type: 'WorkflowEnded',
                    message: `the export workflow ended as ${status} without recording a result`,
                  }
                : null,
          }
        : null,
    };
  }

  return {
    /**
     * Starts an export, or returns the one this request already made (`existing: true`): the same
     * Idempotency-Key (422 when the body differs), or an identical body for the campaign, running or completed,
     * unless `force`. See startExport.
     */
    async start(organizationId: string, campaignId: string, request: ExportRequest, idempotencyKey?: string) {
      const { existing, row } = await startExport(deps, organizationId, campaignId, request, idempotencyKey);
      return { existing, ...links(row) };
    },

    async get(organizationId: string, exportId: string) {
      const row = await findExport(prisma, organizationId, exportId);
      if (!row) throw notFound(`export ${exportId}`);
      return toDocument(row);
    },

    async list(organizationId: string, campaignId: string) {
      const rows = await exportsOfCampaign(prisma, organizationId, campaignId, {
        newestFirst: true,
        take: 100,
      });
      if (!rows) throw notFound(`campaign ${campaignId}`);
      return { items: await Promise.all(rows.map(toDocument)) };
    },

    async cancel(organizationId: string, exportId: string) {
      const row = await findExport(prisma, organizationId, exportId);
      if (!row) throw notFound(`export ${exportId}`);
      // A row that never ran has no workflow to cancel yet: start it first, so the cancellation is recorded by the
      // workflow itself and a later status read cannot start the export the caller meant to stop.
      if (neverRan(row)) await ensureExportWorkflow(deps, row);
      if (row.status === 'running') await temporal.workflow.getHandle(row.workflowId).cancel();
      return { exportId, status: row.status === 'running' ? 'cancelling' : row.status };
    },
  };
}
