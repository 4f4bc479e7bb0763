import { condition, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { SUBSCRIBER_DELIVERY } from './activity-options';

const { deliverToSubscribers } = proxyActivities<Activities>(SUBSCRIBER_DELIVERY);

/** Subscriber deliveries in flight beside the apply loop (a slow subscriber must not hold up applying). */
export interface DeliveryPool {
  /** Starts deliverToSubscribers for a batch once fewer than `max` are in flight. */
  start(eventIds: string[]): Promise<void>;
  /** Resolves when every started delivery has ended (delivered, or given up after its retries). */
  settle(): Promise<void>;
  readonly size: number;
}

/** A bounded pool of deliverToSubscribers activities; a delivery given up on calls `onGiveUp`. */
export function deliveryPool(
  max: number,
  context: Record<string, unknown>,
  onGiveUp: () => void,
): DeliveryPool {
  const running = new Set<Promise<void>>();
  return {
    async start(eventIds) {
      await condition(() => running.size < max);
      const p: Promise<void> = deliverToSubscribers({ eventIds })
        .then(
          () => undefined,
          (err: unknown) => {
            onGiveUp();
            log.warn('subscriber delivery given up', { ...context, error: String(err) });
          },
        )
        .finally(() => running.delete(p));
      running.add(p);
    },
    async settle() {
      await Promise.all([...running]);
    },
    get size() {
      return running.size;
    },
  };
}
