import { z } from 'zod';
import type { PageQuery } from './common';

/** Body of `POST /block-lists-entries` (the document allows `bl_value` only: an email or a domain). */
export interface CreateBlockListEntryBody {
  bl_value: string;
}

/** Query of `GET /block-lists-entries`. */
export interface ListBlockListEntriesQuery extends PageQuery {
  domains_only?: boolean;
  search?: string;
}

/** A `BlockListEntry` (every field is required by the document). */
export const blockListEntrySchema = z.looseObject({
  id: z.string(),
  timestamp_created: z.string(),
  organization_id: z.string(),
  bl_value: z.string(),
  is_domain: z.boolean(),
});

/** A block list entry. */
export type BlockListEntry = z.infer<typeof blockListEntrySchema>;
