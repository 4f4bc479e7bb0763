import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';

/** A poller last seen longer ago than this counts as gone (an idle worker long-polls about once a minute). */
export const POLLER_STALE_MS = 120_000;

const millis = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;

/**
 * Resolves when a worker polled the task queue for workflow AND activity tasks within POLLER_STALE_MS
 * (Temporal's DescribeTaskQueue); else throws a sentence saying which is missing and when one was last seen.
 */
export async function assertWorkerPolling(
  temporal: Client,
  namespace: string,
  taskQueue: string,
): Promise<void> {
  const types = [
    ['workflow', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
    ['activity', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
  ] as const;
  const now = Date.now();
  const problems: string[] = [];
  for (const [name, taskQueueType] of types) {
    const res = await temporal.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType,
    });
    const lastSeen = Math.max(0, ...(res.pollers ?? []).map((p) => millis(p.lastAccessTime)));
    if (now - lastSeen > POLLER_STALE_MS)
      problems.push(
        lastSeen
          ? `no worker polled ${name} tasks since ${new Date(lastSeen).toISOString()}`
          : `no worker polls ${name} tasks`,
      );
  }
  if (problems.length) throw new Error(`task queue ${taskQueue}: ${problems.join('; ')}`);
}
