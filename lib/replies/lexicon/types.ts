import type { ReplyLabel } from '../types';

/** One group of phrases: every phrase in it adds `weight` to `label` when it occurs (once per phrase). */
export type PhraseGroup = readonly [label: ReplyLabel, weight: number, phrases: readonly string[]];
