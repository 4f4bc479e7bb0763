import type { IDataObject } from 'n8n-workflow';

import { TIMESTAMP_TOLERANCE_SECONDS } from './signature';

/** Where the node's static data keeps the webhook-ids it accepted (with when each may be forgotten). */
const SEEN_KEY = 'seenWebhookIds';

/**
 * At most this many ids are remembered; beyond it the earliest accepted are forgotten first. 10,000 deliveries inside one
 * 10-minute window is far above what one trigger receives, and keeps the static data small.
 */
export const MAX_REMEMBERED_IDS = 10_000;

interface Seen {
	id: string;
	until: number;
}

function seenList(staticData: IDataObject): Seen[] {
	const value: unknown = staticData[SEEN_KEY];
	if (!Array.isArray(value)) return [];
	return (value as unknown[]).filter(
		(e): e is Seen =>
			typeof e === 'object' &&
			e !== null &&
			typeof (e as IDataObject).id === 'string' &&
			typeof (e as IDataObject).until === 'number',
	);
}

/**
 * Records an accepted delivery's webhook-id; false when the id was accepted before (a replay, or the service
 * retrying a delivery we already took). An id only needs remembering while its timestamp is inside the
 * signature tolerance: after that the signature check refuses it anyway, so entries are pruned by time.
 * Kept in the node's static data (n8n persists it with the workflow), as an array: ids are outside strings
 * and never become object keys.
 */
export function rememberDelivery(
	staticData: IDataObject,
	delivery: { id: string; timestamp: number },
	nowSeconds: number,
): boolean {
	const live = seenList(staticData).filter((e) => e.until >= nowSeconds);
	const duplicate = live.some((e) => e.id === delivery.id);
	if (!duplicate) live.push({ id: delivery.id, until: delivery.timestamp + TIMESTAMP_TOLERANCE_SECONDS });
	staticData[SEEN_KEY] = live.slice(Math.max(0, live.length - MAX_REMEMBERED_IDS));
	return !duplicate;
}
