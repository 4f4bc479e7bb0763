import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one syscall per 512 ids instead of one per id.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function random8(): Uint8Array {
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.subarray(poolAt - 8, poolAt);
}

function format(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function build(ms: number, seq: number, random: Uint8Array): string {
  const bytes = new Uint8Array(16);
  let rest = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | ((random[0] ?? 0) & 0x3f);
  for (let i = 9; i < 16; i += 1) bytes[i] = random[i - 8] ?? 0;
  return format(bytes);
}

/**
 * A time-ordered UUIDv7 like the ones in every Instantly doc example. Ids created by one process are strictly
 * increasing as strings (a 12-bit counter orders ids minted in the same millisecond), which is what cursor
 * pagination relies on.
 */
export function uuidv7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
  }
  return build(lastMs, sequence, random8());
}

/** A UUIDv7-shaped id drawn from a seeded random source (deterministic stories). */
export function seededUuid(ms: number, rng: () => number): string {
  const random = new Uint8Array(8);
  for (let i = 0; i < 8; i += 1) random[i] = Math.floor(rng() * 256);
  return build(ms, Math.floor(rng() * 0x1000), random);
}

/** ISO-8601 UTC with milliseconds, e.g. `2026-03-05T23:09:47.403Z`. */
export function isoNow(): string {
  return new Date().toISOString();
}

/** True for any RFC 4122-looking UUID string (the API validates path ids with `format: uuid`). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
