import type { FetchLike } from '../../../../lib/instantly/http';

/** One request as the fake fetch saw it. */
export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What a scripted response looks like. */
export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { throws: Error }
  | { hang: true };

/** A fetch that records every request and answers from a script (the last reply repeats). */
export function fakeFetch(replies: Reply[] | ((req: RecordedRequest) => Reply)) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const req: RecordedRequest = {
      url: new URL(url),
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    requests.push(req);
    const reply =
      typeof replies === 'function'
        ? replies(req)
        : replies[Math.min(requests.length - 1, replies.length - 1)]!;
    if ('throws' in reply) throw reply.throws;
    if ('hang' in reply) {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    }
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    return new Response(text, { status: reply.status, headers: reply.headers });
  };
  return { fetch, requests };
}

/** A minimal valid campaign body as Instantly returns it. */
export function campaignJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'c-1', name: 'Campaign', status: 0, ...overrides };
}
