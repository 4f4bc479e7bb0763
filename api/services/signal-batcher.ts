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
}

/** Hands stored event ids to their campaign's engagement workflow. */
export interface SignalBatcher {
  /** Resolves once a signalWithStart carrying `eventId` succeeded; rejects when it failed. */
  add(start: EngagementInput, eventId: string): Promise<void>;
}

/**
 * Group commit for signals: one engagement workflow per Instantly campaign takes every event of that
 * campaign, and a workflow absorbs far fewer, larger signals better than one per event. While a
 * signalWithStart for a campaign is in flight, ids arriving for it wait and go together in the next one;
 * an idle campaign is signalled at once (no timer, no added latency). Every caller still learns whether ITS
 * id was handed off, so the intake answers 2xx only after the hand-off succeeded.
 */
export function createSignalBatcher(temporal: Client, taskQueue: string): SignalBatcher {
  const lanes = new Map<string, Lane>();

  const flush = (key: string, lane: Lane): void => {
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
          lane = { start, ids: [], waiters: [], inFlight: false };
          lanes.set(key, lane);
        }
        lane.ids.push(eventId);
        lane.waiters.push({ resolve, reject });
        if (!lane.inFlight) flush(key, lane);
      });
    },
  };
}
