import { InstantlyClientError } from './errors';
import type { InstantlyRequest } from './http';
import { checkPageLimit } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  blockListEntrySchema,
  type BlockListEntry,
  type CreateBlockListEntryBody,
  type ListBlockListEntriesQuery,
} from './schemas/block-lists';

const entryPage = pageSchema(blockListEntrySchema);

/** Longest `bl_value` sent (an address is at most 320 characters). */
const MAX_BL_VALUE = 320;

/**
 * Block list endpoints. `addBlockListEntry` is NOT marked idempotent (what Instantly does with a duplicate value
 * is not documented): a 5xx/network failure is thrown, and the caller looks the value up before sending again.
 */
export function blockListMethods(request: InstantlyRequest) {
  return {
    /** `POST /block-lists-entries` `{ bl_value }` (an email or a domain) → the entry (200). */
    async addBlockListEntry(body: CreateBlockListEntryBody): Promise<BlockListEntry> {
      const value = typeof body.bl_value === 'string' ? body.bl_value.trim() : '';
      if (value === '' || value.length > MAX_BL_VALUE) {
        throw new InstantlyClientError(
          'invalid_request',
          'addBlockListEntry: bl_value must be 1-320 characters',
        );
      }
      return request({
        method: 'POST',
        path: '/block-lists-entries',
        body: { bl_value: value },
        idempotent: false,
        schema: blockListEntrySchema,
      });
    },
    /** `GET /block-lists-entries`: one page (`search` by value, `domains_only`). */
    async listBlockListEntries(query: ListBlockListEntriesQuery = {}): Promise<Page<BlockListEntry>> {
      checkPageLimit(query.limit, 'listBlockListEntries');
      return request({
        method: 'GET',
        path: '/block-lists-entries',
        query: { ...query },
        idempotent: true,
        schema: entryPage,
      });
    },
  };
}

/** The block list methods of a client. */
export type BlockListMethods = ReturnType<typeof blockListMethods>;
