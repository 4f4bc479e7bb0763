import { z } from 'zod';
import { createRng, type Rng } from '../core/random';

/** Validates webhook fault settings (also used by `POST /_sim/webhook-faults`). */
export const webhookFaultSchema = z.strictObject({
  /** Chance that a delivery is POSTed twice. */
  duplicateProbability: z.number().min(0).max(1).optional(),
  /** Shuffle deliveries within consecutive windows of N (0/1 = keep order). */
  reorderWindow: z.number().int().min(0).optional(),
  /** The next N delivery attempts fail without reaching the receiver. */
  failNext: z.number().int().min(0).optional(),
  /** false: events still happen (state, analytics, delivery log as not delivered) but nothing is POSTed. */
  deliveryEnabled: z.boolean().optional(),
  /** Seed for duplicate/reorder decisions. */
  seed: z.number().int().optional(),
});

/** Partial settings accepted by `webhookFaults.set`. */
export type WebhookFaultInput = z.infer<typeof webhookFaultSchema>;

/** The effective settings. */
export interface WebhookFaultSettings {
  duplicateProbability: number;
  reorderWindow: number;
  failNext: number;
  deliveryEnabled: boolean;
  seed: number;
}

const DEFAULTS: WebhookFaultSettings = {
  duplicateProbability: 0,
  reorderWindow: 0,
  failNext: 0,
  deliveryEnabled: true,
  seed: 1,
};

/** Faults applied to outgoing webhook deliveries (story runs, `deliver`, not `POST /webhooks/{id}/test`). */
export class WebhookFaults {
  private settings: WebhookFaultSettings = { ...DEFAULTS };
  private random: Rng = createRng(DEFAULTS.seed);

  /** Merges new settings in; returns the effective settings. */
  set(input: WebhookFaultInput): WebhookFaultSettings {
    const parsed = webhookFaultSchema.parse(input);
    const defined = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
    this.settings = { ...this.settings, ...defined };
    if (parsed.seed !== undefined) this.random = createRng(parsed.seed);
    return this.get();
  }

  /** The effective settings (a copy). */
  get(): WebhookFaultSettings {
    return { ...this.settings };
  }

  /** Back to defaults (no faults, delivery on). */
  clear(): void {
    this.settings = { ...DEFAULTS };
    this.random = createRng(DEFAULTS.seed);
  }

  /** The shared seeded random source for duplicate/reorder decisions. */
  rng(): Rng {
    return this.random;
  }

  /** True (and decrements) when the next attempt must fail. */
  consumeFailure(): boolean {
    if (this.settings.failNext <= 0) return false;
    this.settings.failNext -= 1;
    return true;
  }
}
