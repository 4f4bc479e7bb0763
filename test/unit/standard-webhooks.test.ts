import { createHmac } from 'node:crypto';
import {
  generateSecret,
  sign,
  signedHeaders,
  verify,
  WebhookVerificationError,
} from '../../lib/standard-webhooks';

describe('Standard Webhooks signing', () => {
  // The example from the Standard Webhooks specification's reference test vectors.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('matches the specification’s test vector', () => {
    expect(sign(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('is HMAC-SHA256 over id.timestamp.body keyed with the base64-decoded secret', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(sign(secret, id, timestamp, body)).toBe(`v1,${mac}`);
  });

  it('generates whsec_ + base64 of 32 random bytes, different every time', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
  });

  it('verifies what it signs, within the tolerance, with several signatures present', () => {
    const now = new Date(timestamp * 1000);
    const headers = signedHeaders(secret, id, body, now);
    expect(headers).toEqual({
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': expect.stringMatching(/^v1,/),
    });
    expect(() => verify(secret, headers, body, { now })).not.toThrow();
    const rotated = {
      ...headers,
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${headers['webhook-signature']}`,
    };
    expect(() => verify(secret, rotated, body, { now })).not.toThrow();
    expect(() => verify(secret, headers, body, { now: new Date((timestamp + 299) * 1000) })).not.toThrow();
  });

  it.each([
    ['a changed body', (h: Record<string, string>) => h, '{"test": 2432232315}', 'no matching signature'],
    [
      'another secret',
      (h: Record<string, string>) => ({
        ...h,
        'webhook-signature': sign(generateSecret(), id, timestamp, body),
      }),
      body,
      'no matching signature',
    ],
    [
      'a changed id',
      (h: Record<string, string>) => ({ ...h, 'webhook-id': 'msg_other' }),
      body,
      'no matching signature',
    ],
    [
      'an old timestamp',
      (h: Record<string, string>) => ({ ...h, 'webhook-timestamp': String(timestamp - 301) }),
      body,
      'outside the tolerance',
    ],
    [
      'a v2 signature only',
      (h: Record<string, string>) => ({
        ...h,
        'webhook-signature': h['webhook-signature']!.replace('v1,', 'v2,'),
      }),
      body,
      'no matching signature',
    ],
    [
      'a missing header',
      (h: Record<string, string>) => ({ ...h, 'webhook-signature': '' }),
      body,
      'missing header webhook-signature',
    ],
  ])('rejects %s', (_what, mutate, received, message) => {
    const now = new Date(timestamp * 1000);
    const headers = mutate(signedHeaders(secret, id, body, now));
    expect(() => verify(secret, headers, received, { now })).toThrow(WebhookVerificationError);
    expect(() => verify(secret, headers, received, { now })).toThrow(message);
  });
});
