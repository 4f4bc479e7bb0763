import { createInstantlyClient } from '../../../lib/instantly/client';
import { RateGovernor } from '../../../lib/instantly/governor';
import { paginate } from '../../../lib/instantly/paginate';
import { fakeFetch, type RecordedRequest, type Reply } from './helpers/fake-fetch';

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

const webhook = (id: string) => ({ id, target_hook_url: `https://x.test/${id}` });

function pagedClient(pages: Record<string, { items: unknown[]; next_starting_after?: string | null }>) {
  const reply = (req: RecordedRequest): Reply => {
    const cursor =
      req.method === 'GET'
        ? (req.url.searchParams.get('starting_after') ?? '')
        : ((JSON.parse(req.body ?? '{}') as { starting_after?: string }).starting_after ?? '');
    return { status: 200, json: pages[cursor] ?? { items: [] } };
  };
  const fake = fakeFetch(reply);
  const instantly = createInstantlyClient({ apiKey: 'k', fetch: fake.fetch, governor: new RateGovernor() });
  return { instantly, requests: fake.requests };
}

describe('cursor pagination', () => {
  it('follows next_starting_after and stops on an empty page even when a cursor is present', async () => {
    const { instantly, requests } = pagedClient({
      '': { items: [webhook('a'), webhook('b')], next_starting_after: 'b' },
      b: { items: [webhook('c')], next_starting_after: 'c' },
      c: { items: [], next_starting_after: 'c' },
    });
    const ids = (await collect(instantly.iterateWebhooks({ limit: 2, event_type: 'reply_received' }))).map(
      (w) => w.id,
    );
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(requests.map((r) => r.url.search)).toEqual([
      '?limit=2&event_type=reply_received',
      '?limit=2&event_type=reply_received&starting_after=b',
      '?limit=2&event_type=reply_received&starting_after=c',
    ]);
  });

  it('stops when the cursor is missing or null', async () => {
    const { instantly, requests } = pagedClient({
      '': { items: [{ id: 'l1' }], next_starting_after: 'x' },
      x: { items: [{ id: 'l2' }], next_starting_after: null },
    });
    const ids = (await collect(instantly.iterateLeads({ campaign: 'c-1', limit: 100 }))).map((l) => l.id);
    expect(ids).toEqual(['l1', 'l2']);
    expect(requests.map((r) => JSON.parse(r.body!) as unknown)).toEqual([
      { campaign: 'c-1', limit: 100 },
      { campaign: 'c-1', limit: 100, starting_after: 'x' },
    ]);
  });

  it('iterateCampaigns and iterateWebhookEvents page the same way', async () => {
    const { instantly } = pagedClient({ '': { items: [{ id: 'c', name: 'n', status: 1 }] } });
    expect(await collect(instantly.iterateCampaigns({ search: 'n' }))).toHaveLength(1);
    const events = pagedClient({ '': { items: [{ id: 'e1', success: true }], next_starting_after: 'e1' } });
    expect(await collect(events.instantly.iterateWebhookEvents({ success: true }))).toHaveLength(1);
    expect(events.requests[0]!.url.search).toBe('?success=true');
  });

  it('a repeated cursor is an error instead of an endless loop', async () => {
    const pages = paginate(async () => ({ items: [1], next_starting_after: 'same' }));
    await expect(collect(pages)).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('starting_after in the query is the first cursor', async () => {
    const seen: Array<string | undefined> = [];
    const pages = paginate(async (cursor) => {
      seen.push(cursor);
      return { items: [] as number[] };
    }, 'start');
    expect(await collect(pages)).toEqual([]);
    expect(seen).toEqual(['start']);
  });
});
