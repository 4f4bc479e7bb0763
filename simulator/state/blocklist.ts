import { isoNow, uuidv7 } from '../core/ids';

/** A `BlockListEntry` as `GET/POST /block-lists-entries` answers it. */
export interface BlockListEntryRecord {
  id: string;
  timestamp_created: string;
  organization_id: string;
  bl_value: string;
  is_domain: boolean;
}

/**
 * A workspace blocklist: entries are exact emails (`a@b.com`) or whole domains (`b.com` or `@b.com`),
 * compared case-insensitively. Leads matching it are counted in `in_blocklist` by `POST /leads/add`. Each entry is
 * also a `BlockListEntry` record (id, creation time) for the `/block-lists-entries` routes.
 */
export class Blocklist {
  private readonly entries = new Map<string, BlockListEntryRecord>();

  /**
   * @param id the blocklist id reported as `blocklist_used`
   * @param organizationId the workspace id reported as an entry's `organization_id`
   */
  constructor(
    readonly id: string,
    private readonly organizationId = '',
  ) {}

  private static normalise(entry: string): string {
    return entry.trim().toLowerCase().replace(/^@/, '');
  }

  /** Adds an email or a domain; returns this for chaining. */
  add(entry: string): this {
    this.addEntry(entry);
    return this;
  }

  /** Adds an email or a domain and returns its record (the existing one when the value is already blocked). */
  addEntry(entry: string): BlockListEntryRecord {
    const value = Blocklist.normalise(entry);
    const existing = this.entries.get(value);
    if (existing) return existing;
    const record: BlockListEntryRecord = {
      id: uuidv7(),
      timestamp_created: isoNow(),
      organization_id: this.organizationId,
      bl_value: value,
      is_domain: !value.includes('@'),
    };
    this.entries.set(value, record);
    return record;
  }

  /** Removes an entry; true if it was present. */
  delete(entry: string): boolean {
    return this.entries.delete(Blocklist.normalise(entry));
  }

  /** True if the exact entry is present. */
  has(entry: string): boolean {
    return this.entries.has(Blocklist.normalise(entry));
  }

  /** True if the email itself or its domain is blocked. */
  matches(email: string): boolean {
    const lower = email.toLowerCase();
    const domain = lower.slice(lower.lastIndexOf('@') + 1);
    return this.entries.has(lower) || this.entries.has(domain);
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** The entries, normalised. */
  list(): string[] {
    return [...this.entries.keys()];
  }

  /** The entries as records, in creation order. */
  records(): BlockListEntryRecord[] {
    return [...this.entries.values()];
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }
}
