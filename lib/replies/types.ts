import type { ReplyLabel } from '../../contracts/reply-labels';

export { REPLY_LABELS, type ReplyLabel } from '../../contracts/reply-labels';

/** Languages the default lexicon covers. */
export const REPLY_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'nl'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/** What a classifier reads: one reply as Instantly delivered it. */
export interface ReplyInput {
  text: string;
  subject?: string | undefined;
  /** Instantly's `is_auto_reply` flag, when known. */
  auto?: boolean | undefined;
  /** When the reply arrived; anchors return dates that name no year ("back on Monday", "until 3 March"). */
  receivedAt?: Date | undefined;
}

/** One classifier answer. */
export interface ReplyClassification {
  label: ReplyLabel;
  /** 0..1, two decimals; how far the winning label's evidence is ahead of the runner-up's. */
  confidence: number;
  /** The phrases and signals that decided, in the order they weighed. */
  reasons: string[];
  /** The classifier (and lexicon) version that produced this answer. */
  version: string;
  /** Language whose phrases matched most, or null when none matched. */
  language: ReplyLanguage | null;
  /** For out_of_office: the return date (YYYY-MM-DD) when the text gives one, else null. */
  returnDate: string | null;
}

/**
 * A reply classifier. The default one (rules + lexicons, {@link createRuleClassifier}) is offline and
 * deterministic; another (for example an LLM endpoint an organization configures) can be plugged in behind
 * this interface.
 */
export interface ReplyClassifier {
  readonly version: string;
  classify(input: ReplyInput): Promise<ReplyClassification>;
}
