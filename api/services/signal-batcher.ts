import type { Client } from '@temporalio/client';
import { eventsSignal, type EngagementInput } from '../../contracts/engagement';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import type { campaignEngagementWorkflow } from '../../workflows/engagement';

/** Most ids one signal carries. */
const MAX_IDS_PER_SIGNAL = 1000;

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Lane {
  start: EngagementInput;
  ids: string[];
  waiters: Waiter[];
  inFlight: boolean;
  timer: NodeJS.Timeout | null;
}

/** Hands stored event ids to their campaign's engagement workflow. */
export interface SignalBatcher {
  /** Resolves once a signalWithStart carrying `eventId` succeeded; rejects when it failed. */
  add(start: EngagementInput, eventId: string): Promise<void>;
}

/**
 * Group commit for signals. Every event of an Instantly campaign goes to ONE workflow, and each signal costs
 * that workflow history (a signal event, usually a workflow task) — so history, and with it continue-as-new,
 * grows per signal, not per event. Ids of a campaign are collected for `lingerMs` (default 10 ms) and while a
 * signalWithStart for it is in flight, then sent together. Every caller still learns whether ITS id was handed
 * off (the intake waits for it at most WEBHOOK_HANDOFF_WAIT).
 */
export function createSignalBatcher(temporal: Client, taskQueue: string, lingerMs = 10): SignalBatcher {
  const lanes = new Map<string, Lane>();

  const flush = (key: string, lane: Lane): void => {
    lane.timer = null;
    const ids = lane.ids.splice(0, MAX_IDS_PER_SIGNAL);
    const waiters = lane.waiters.splice(0, ids.length);
    lane.inFlight = true;
    void temporal.workflow
      .signalWithStart<typeof campaignEngagementWorkflow, [{ eventIds: string[] }]>(
        'campaignEngagementWorkflow',
        {
          workflowId: engagementWorkflowId(lane.start.instantlyCampaignId),
          taskQueue,
          signal: eventsSignal,
          signalArgs: [{ eventIds: ids }],
          args: [lane.start],
        },
      )
      .then(
        () => waiters.forEach((w) => w.resolve()),
        (err: unknown) => waiters.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        lane.inFlight = false;
        // Ids that arrived meanwhile have waited long enough: send them at once.
        if (lane.ids.length > 0) flush(key, lane);
        else lanes.delete(key);
      });
  };

  return {
    add(start, eventId) {
      return new Promise<void>((resolve, reject) => {
        const key = start.instantlyCampaignId;
        let lane = lanes.get(key);
        if (!lane) {
          lane = { start, ids: [], waiters: [], inFlight: false, timer: null };
          lanes.set(key, lane);
        }
        lane.ids.push(eventId);
        lane.waiters.push({ resolve, reject });
        if (lane.inFlight || lane.timer) return;
        const ready = lane;
        lane.timer = setTimeout(() => flush(key, ready), lingerMs);
      });
    },
  };
}
