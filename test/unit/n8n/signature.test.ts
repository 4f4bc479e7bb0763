import { createHmac } from 'node:crypto';

import {
  signStandardWebhook,
  verifyStandardWebhook,
} from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/signature';

// Standard Webhooks' published test vector (standard-webhooks spec repository).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TS = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const body = '{"id":"evt_1","type":"reply_received","replyText":"Hi {{firstName}}"}';
const NOW = 1_750_000_000;

const headers = (sig: string, ts: number | string = NOW, id = 'evt_1') => ({
  'webhook-id': id,
  'webhook-timestamp': String(ts),
  'webhook-signature': sig,
});
const verify = (h: Record<string, string>, raw: string | Buffer = body, secrets = [secret]) =>
  verifyStandardWebhook({ secrets, headers: h, rawBody: raw, nowSeconds: NOW });

describe('Standard-Webhooks signature verification', () => {
  it('matches the Standard Webhooks spec test vector', () => {
    expect(signStandardWebhook(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY)).toBe(SPEC_SIGNATURE);
    const result = verifyStandardWebhook({
      secrets: [SPEC_SECRET],
      headers: {
        'webhook-id': SPEC_ID,
        'webhook-timestamp': String(SPEC_TS),
        'webhook-signature': SPEC_SIGNATURE,
      },
      rawBody: SPEC_BODY,
      nowSeconds: SPEC_TS + 10,
    });
    expect(result).toEqual({ ok: true, id: SPEC_ID, timestamp: SPEC_TS });
  });

  it('accepts a good signature computed independently over id.timestamp.rawBody', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const sig = createHmac('sha256', key).update(`evt_1.${NOW}.${body}`).digest('base64');
    expect(verify(headers(`v1,${sig}`))).toMatchObject({ ok: true });
    expect(verify(headers(`v1,${sig}`), Buffer.from(body, 'utf8'))).toMatchObject({ ok: true });
    expect(verify(headers(`v1a,zzz v1,${sig}`))).toMatchObject({ ok: true }); // several signatures
  });

  it('rejects bad signatures, a different secret, another id and a re-serialised body', () => {
    const good = signStandardWebhook(secret, 'evt_1', NOW, body);
    expect(verify(headers('v1,AAAA'))).toMatchObject({ ok: false });
    expect(verify(headers(good.replace('v1,', 'v2,')))).toMatchObject({ ok: false });
    expect(
      verify(headers(good), body, [`whsec_${Buffer.from('another-key-another-key!').toString('base64')}`]),
    ).toMatchObject({ ok: false });
    expect(verify(headers(good, NOW, 'evt_2'))).toMatchObject({ ok: false });
    expect(verify(headers(good), JSON.stringify(JSON.parse(body), null, 1))).toMatchObject({ ok: false });
  });

  it('rejects stale and future timestamps beyond 5 minutes, accepts within', () => {
    for (const ts of [NOW - 301, NOW + 301, NOW - 3600]) {
      const sig = signStandardWebhook(secret, 'evt_1', ts, body);
      expect(verify(headers(sig, ts))).toEqual({
        ok: false,
        reason: expect.stringContaining('away from now'),
      });
    }
    for (const ts of [NOW - 300, NOW + 300]) {
      expect(verify(headers(signStandardWebhook(secret, 'evt_1', ts, body), ts))).toMatchObject({ ok: true });
    }
  });

  it('rejects unsigned deliveries and non-numeric timestamps, and everything when no secret is stored', () => {
    expect(verify({})).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
    expect(verify(headers(signStandardWebhook(secret, 'evt_1', NOW, body), 'yesterday'))).toMatchObject({
      ok: false,
    });
    expect(verify(headers(signStandardWebhook(secret, 'evt_1', NOW, body)), body, [])).toMatchObject({
      ok: false,
    });
  });

  it('accepts either of two stored secrets (production and editor test subscription)', () => {
    const other = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
    expect(
      verify(headers(signStandardWebhook(other, 'evt_1', NOW, body)), body, [secret, other]),
    ).toMatchObject({ ok: true });
  });
});
