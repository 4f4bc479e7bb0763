/**
 * A workspace blocklist: entries are exact emails (`a@b.com`) or whole domains (`b.com` or `@b.com`),
 * compared case-insensitively. Leads matching it are counted in `in_blocklist` by `POST /leads/add`.
 */
export class Blocklist {
  private readonly entries = new Set<string>();

  /** The blocklist id reported as `blocklist_used`. */
  constructor(readonly id: string) {}

  private static normalise(entry: string): string {
    return entry.trim().toLowerCase().replace(/^@/, '');
  }

  /** Adds an email or a domain; returns this for chaining. */
  add(entry: string): this {
    this.entries.add(Blocklist.normalise(entry));
    return this;
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
    return [...this.entries];
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }
}
