import { z } from 'zod';
import { INSTANTLY_TIMEZONES } from '../../contracts/instantly-timezones';
import { badRequest, notFound } from '../core/errors';
import { isUuid } from '../core/ids';
import type { ApiContext } from '../context';
import type { CampaignRecord } from '../types';

/** Re-export for schemas: the 102 timezones (§2.2). */
export const TIMEZONES = INSTANTLY_TIMEZONES;

/** A UUID string (AJV `format: uuid`). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: 'must match format "uuid"',
});

/**
 * A list cursor (`starting_after`): the document types it as a plain string (a UUID, a timestamp or an e-mail
 * depending on the list), so any string is accepted; items sort after it by id.
 */
export const cursor = z.string().optional();

/** A nullable optional string field. */
export const optText = z.string().nullable().optional();

/** The `:id` path parameter, validated as a UUID (400 `params/id must match format "uuid"`). */
export function idParam(ctx: ApiContext, name = 'id'): string {
  const id = ctx.params[name] ?? '';
  if (!isUuid(id)) throw badRequest(`params/${name} must match format "uuid"`);
  return id;
}

/** A campaign of the caller's workspace, or 404. */
export function campaignOf(ctx: ApiContext, id: string): CampaignRecord {
  const campaign = ctx.ws.campaigns.get(id);
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

/** A deep copy for responses (state must not leak by reference). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** A query value as string[] (repeated keys `ids=a&ids=b`). */
export function queryList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
