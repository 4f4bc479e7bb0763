import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './exchange';

/** One accepted divergence: the finding it covers and why the document is not followed there. */
export interface AllowEntry {
  where: Finding['where'];
  /** `METHOD /template`, or `*` for a contradiction of a shared schema that shows on many operations. */
  operation: string;
  /** Substring of the finding's message (any of several). */
  contains: string | string[];
  /** The document's own contradiction, or the documented Instantly behaviour, that justifies the entry. */
  why: string;
}

/** The committed allow-list beside this file. */
export function loadAllowList(file = path.join(__dirname, 'allow-list.json')): AllowEntry[] {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as AllowEntry[];
  for (const e of entries) {
    if (!e.why || e.why.trim().length < 20)
      throw new Error(`allow-list entry ${e.operation} has no justification`);
  }
  return entries;
}

/** Splits findings into allowed and not allowed; also returns entries that matched nothing (stale). */
export function applyAllowList(findings: Finding[], entries: AllowEntry[]) {
  const used = new Set<AllowEntry>();
  const violations: Finding[] = [];
  const allowed: Finding[] = [];
  for (const f of findings) {
    const entry = entries.find(
      (e) =>
        e.where === f.where &&
        (e.operation === '*' || e.operation === f.operation) &&
        [e.contains].flat().some((c) => f.message.includes(c)),
    );
    if (entry) {
      used.add(entry);
      allowed.push(f);
    } else violations.push(f);
  }
  return { allowed, violations, stale: entries.filter((e) => !used.has(e)) };
}
