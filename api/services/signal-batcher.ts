import type { Client } from '@temporalio/client';
import { eventsSignal, type EngagementInput } from '../../contracts/engagement';
import { campaignEngagementWorkflow } from '../../workflows/engagement';
import { engagementStartOptions } from '../../workflows/starts';
import { groupCommit, type GroupCommit } from './group-commit';

/** Most ids one signal carries. */
const MAX_IDS_PER_SIGNAL = 1000;

/** Hands stored event ids to their campaign's engagement workflow. */
export interface SignalBatcher {
  /** Resolves once a signalWithStart carrying `eventId` succeeded; rejects when it failed. */
  add(start: EngagementInput, eventId: string): Promise<void>;
}

interface Item {
  start: EngagementInput;
  eventId: string;
}

/**
 * Group commit for signals (the intake's insert batching, groupCommit, keyed by Instantly campaign). Every event
 * of an Instantly campaign goes to ONE workflow, and each signal costs that workflow history (a signal event,
 * usually a workflow task) — so history, and with it continue-as-new, grows per signal, not per event. Ids of a
 * campaign are collected for `lingerMs` (default 10 ms) and while a signalWithStart for it is in flight (one at
 * a time per campaign), then sent together. Every caller still learns whether ITS id was handed off (the intake
 * waits for it at most WEBHOOK_HANDOFF_WAIT); a failed signal fails all its ids at once (no retry one by one:
 * Temporal being unavailable would only multiply calls). A campaign's lane is dropped when it goes idle.
 */
export function createSignalBatcher(temporal: Client, taskQueue: string, lingerMs = 10): SignalBatcher {
  const lanes = new Map<string, GroupCommit<Item, void>>();

  const signal = async (items: Item[]): Promise<void[]> => {
    const start = items[0]!.start;
    await temporal.workflow.signalWithStart(campaignEngagementWorkflow, {
      ...engagementStartOptions(start, taskQueue),
      signal: eventsSignal,
      signalArgs: [{ eventIds: items.map((i) => i.eventId) }],
    });
    return items.map(() => undefined);
  };

  return {
    add(start, eventId) {
      const key = start.instantlyCampaignId;
      let lane = lanes.get(key);
      if (!lane) {
        lane = groupCommit(signal, {
          maxBatch: MAX_IDS_PER_SIGNAL,
          lingerMs,
          maxInFlight: 1,
          retryAlone: false,
          onIdle: () => lanes.delete(key),
        });
        lanes.set(key, lane);
      }
      return lane.run({ start, eventId });
    },
  };
}
