import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { exportProgressQuery, type ExportProgress, type ExportStatus } from '../../contracts/export';
import type { ExportRequest } from '../../contracts/schemas/export-request';
import { SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { exportWorkflowId } from '../../contracts/workflow-ids';
import { countersOf } from '../../activities/export-result';
import { instantlyCampaignName } from '../../activities/export-campaign';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { temporalUiUrl } from './temporal-links';

type ExportRow = NonNullable<Awaited<ReturnType<ApiDeps['prisma']['instantlyExport']['findUnique']>>>;

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** Export use-cases behind the HTTP routes (and the CLI). */
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
      if (err instanceof WorkflowNotFoundError) return { status: 'failed', progress: null };
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
    /** Starts an export, or returns the identical one already running (`existing: true`). */
    async start(campaignId: string, request: ExportRequest) {
      const campaign = await prisma.campaign.findUnique({
        where: { id: campaignId },
        select: { id: true, organizationId: true },
      });
      if (!campaign) throw notFound(`campaign ${campaignId}`);
      const requestHash = createHash('sha256').update(canonical(request)).digest('hex');
      return prisma.$transaction(
        async (tx) => {
          // Serialise identical starts: the second one sees the first one's row.
          await tx.$executeRawUnsafe(
            'SELECT pg_advisory_xact_lock(hashtext($1))',
            `${campaignId}:${requestHash}`,
          );
          for (const row of await tx.instantlyExport.findMany({
            where: { campaignId, requestHash, status: 'running' },
          })) {
            if ((await live(row)).status === 'running') return { existing: true, ...links(row) };
          }
          const id = randomUUID();
          const nameTag = `ib-${id.replace(/-/g, '').slice(0, 12)}`;
          const row = await tx.instantlyExport.create({
            data: {
              id,
              organizationId: campaign.organizationId,
              campaignId,
              nameTag,
              requestHash,
              status: 'running',
              instantlyName: instantlyCampaignName(request.campaignName, nameTag),
              workflowId: exportWorkflowId(id),
              request,
            },
          });
          await temporal.workflow.start('exportCampaignWorkflow', {
            workflowId: row.workflowId,
            taskQueue: env.TEMPORAL_TASK_QUEUE,
            args: [{ exportId: id }],
            searchAttributes: {
              [SEARCH_ATTRIBUTES.organizationId]: [campaign.organizationId],
              [SEARCH_ATTRIBUTES.campaignId]: [campaignId],
              [SEARCH_ATTRIBUTES.exportStatus]: ['running'],
            },
          });
          return { existing: false, ...links(row) };
        },
        { timeout: 30_000 },
      );
    },

    async get(exportId: string) {
      const row = await prisma.instantlyExport.findUnique({ where: { id: exportId } });
      if (!row) throw notFound(`export ${exportId}`);
      return toDocument(row);
    },

    async list(campaignId: string) {
      const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
      if (!campaign) throw notFound(`campaign ${campaignId}`);
      const rows = await prisma.instantlyExport.findMany({
        where: { campaignId },
        orderBy: { createdAt: 'desc' },
        take: 100,
      });
      return { items: await Promise.all(rows.map(toDocument)) };
    },

    async cancel(exportId: string) {
      const row = await prisma.instantlyExport.findUnique({ where: { id: exportId } });
      if (!row) throw notFound(`export ${exportId}`);
      if (row.status === 'running') await temporal.workflow.getHandle(row.workflowId).cancel();
      return { exportId, status: row.status === 'running' ? 'cancelling' : row.status };
    },
  };
}
