import express from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { errorHandler } from '../../api/middleware/error-handler';
import { replyRoutes } from '../../api/routes/replies';
import { loadEnv } from '../../lib/env';
import { createLogger } from '../../lib/logger';
import { CLASSIFIER_VERSION, type ReplyClassifier } from '../../lib/replies';

const TOKEN = 'replies-test-token-0123456789';
const deps = {
  env: loadEnv({ NODE_ENV: 'test', API_TOKEN: TOKEN }),
  logger: createLogger({ level: 'silent' }),
  // classifying touches neither the database nor Temporal
  prisma: {} as never,
  temporal: {} as never,
  instantly: {} as never,
};
const app = createApp(deps);
const post = (body: unknown) =>
  request(app)
    .post('/api/replies/classify')
    .set('authorization', `Bearer ${TOKEN}`)
    .send(body as object);

describe('POST /api/replies/classify', () => {
  it('answers label, confidence, reasons and version', async () => {
    const res = await post({ text: 'Yes, call me tomorrow.\n\nSent from my iPhone', subject: 'Re: idea' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ label: 'interested', version: CLASSIFIER_VERSION, returnDate: null });
    expect(res.body.confidence).toBeGreaterThan(0.5);
    expect(res.body.reasons).toEqual(expect.arrayContaining([expect.stringContaining('"call me"')]));
  });

  it('reads the return date of an auto-reply against receivedAt', async () => {
    const res = await post({
      text: 'Ich bin bis zum 14.03. nicht im Büro.',
      auto: true,
      receivedAt: '2025-03-05T08:00:00Z',
    });
    expect(res.body).toMatchObject({ label: 'out_of_office', returnDate: '2025-03-14', language: 'de' });
  });

  it('needs the bearer token', async () => {
    const res = await request(app).post('/api/replies/classify').send({ text: 'hi' });
    expect(res.status).toBe(401);
  });

  it.each([
    ['no text', {}, 'body.text'],
    ['text too long', { text: 'a'.repeat(20_001) }, 'body.text'],
    ['NUL byte', { text: 'a\u0000b' }, 'body.text'],
    ['lone surrogate in subject', { text: 'ok', subject: '\ud800' }, 'body.subject'],
    ['auto not boolean', { text: 'ok', auto: 'yes' }, 'body.auto'],
    ['bad receivedAt', { text: 'ok', receivedAt: 'tomorrow' }, 'body.receivedAt'],
    ['unknown field', { text: 'ok', label: 'interested' }, 'body'],
  ])('400 naming the field: %s', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(path);
  });

  it('uses an injected classifier behind the same interface (how a pluggable one is wired)', async () => {
    const seen: string[] = [];
    const stub: ReplyClassifier = {
      version: 'stub-1',
      classify: (input) => {
        seen.push(input.text);
        return Promise.resolve({
          label: 'question',
          confidence: 1,
          reasons: ['stub'],
          version: 'stub-1',
          language: null,
          returnDate: null,
        });
      },
    };
    const small = express().use(express.json()).use(replyRoutes(deps, stub)).use(errorHandler(deps.logger));
    const res = await request(small).post('/replies/classify').send({ text: 'hello' });
    expect(res.body).toMatchObject({ label: 'question', version: 'stub-1' });
    expect(seen).toEqual(['hello']);
  });
});
