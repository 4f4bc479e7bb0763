import { Router } from 'express';
import { z } from 'zod';
import { pgText } from '../../contracts/schemas/pg-safe';
import { createRuleClassifier, type ReplyClassifier } from '../../lib/replies';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';

/** Longest reply text accepted (PostgreSQL keeps reply texts to this bound; the classifier reads less). */
const MAX_REPLY_TEXT = 20_000;

/** POST /api/replies/classify body. */
export const classifyReplyBodySchema = z.strictObject({
  text: pgText(MAX_REPLY_TEXT),
  subject: pgText(998).optional(),
  auto: z.boolean().optional(),
  /** Anchors a return date that names no year; defaults to the time of the request. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * POST /api/replies/classify `{ text, subject?, auto?, receivedAt? }` → `{ label, confidence, reasons, version,
 * language, returnDate }`. Any organization's token may call it: nothing is read or stored, so nothing is scoped.
 * The classifier is the offline default unless one is injected (docs/replies.md, "Plugging in another one").
 */
export function replyRoutes(_deps: ApiDeps, classifier: ReplyClassifier = createRuleClassifier()): Router {
  const router = Router();
  router.post('/replies/classify', async (req, res) => {
    const body = parseOr400(classifyReplyBodySchema, req.body);
    const answer = await classifier.classify({
      text: body.text,
      subject: body.subject,
      auto: body.auto,
      receivedAt: body.receivedAt ? new Date(body.receivedAt) : new Date(),
    });
    res.json(answer);
  });
  return router;
}
