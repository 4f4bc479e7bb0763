// The contract checker's own logic, against a tiny hand-written document (jest never reads ../shared).
import path from 'node:path';
import { applyAllowList, loadAllowList } from '../../scripts/contract/allow';
import { checkExchange, type Exchange } from '../../scripts/contract/exchange';
import { trials } from '../../scripts/contract/probe-values';
import { loadSpec } from '../../scripts/contract/spec';

const spec = loadSpec(path.join(__dirname, '../fixtures/contract/mini-openapi.json'));
const ID = '019ffad2-9c4e-7be6-8364-ed444afb02d5';

const ex = (e: Partial<Exchange>): Exchange => ({
  method: 'GET',
  path: '/things',
  query: new Map(),
  body: undefined,
  status: 200,
  response: { items: [] },
  ...e,
});

describe('contract checker', () => {
  it('matches concrete paths to templates, literal segments first', () => {
    expect(spec.find('GET', '/things/search')?.key).toBe('GET /things/search');
    expect(spec.find('GET', `/things/${ID}`)?.key).toBe('GET /things/{id}');
    expect(spec.find('DELETE', '/things')).toBeUndefined();
  });

  it('flags a timestamp sent where the document says format: date, and undocumented parameters', () => {
    const good = checkExchange(
      spec,
      ex({
        query: new Map([
          ['from', ['2026-12-02']],
          ['limit', ['5']],
        ]),
      }),
    );
    expect(good).toEqual([]);
    const bad = checkExchange(
      spec,
      ex({
        query: new Map([
          ['from', ['2026-12-02T10:00:00.000Z']],
          ['x', ['1']],
        ]),
      }),
    );
    expect(bad.map((f) => f.message)).toEqual([
      "undocumented parameter 'x'",
      expect.stringContaining('must match format "date"'),
    ]);
    expect(bad.every((f) => f.where === 'request')).toBe(true);
  });

  it('validates request bodies and responses, including $ref and null against an enum without null', () => {
    const body = { name: '', owner: 'nope', extra: 1 };
    const findings = checkExchange(spec, ex({ method: 'POST', body, response: { id: ID, status: null } }));
    expect(findings.filter((f) => f.where === 'request').map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('additional properties'),
        expect.stringContaining('uuid'),
      ]),
    );
    expect(findings.find((f) => f.where === 'response')?.message).toContain(
      'must be equal to one of the allowed values',
    );
  });

  it('reports a status the operation does not document', () => {
    const f = checkExchange(spec, ex({ path: `/things/${ID}`, status: 400, response: { message: 'x' } }));
    expect(f).toEqual([
      {
        where: 'response',
        operation: 'GET /things/{id}',
        message: 'status 400 is not documented for this operation',
      },
    ]);
    expect(checkExchange(spec, ex({ path: `/things/${ID}`, status: 404, response: undefined }))).toEqual([]);
  });

  it('derives values just inside and just outside each constraint', () => {
    const labels = trials({ type: 'integer', minimum: 1, maximum: 100 }).map((t) => [t.label, t.value]);
    expect(labels).toEqual(
      expect.arrayContaining([
        ['minimum', 1],
        ['below minimum', 0],
        ['maximum', 100],
        ['above maximum', 101],
        ['fraction', 1.5],
      ]),
    );
    const uuid = trials({ type: ['string', 'null'], format: 'uuid' }).map((t) => t.label);
    expect(uuid).toEqual(['null', 'format uuid', 'not uuid']);
    expect(trials({ type: 'string', 'x-enumDescriptions': { A: 'a' } }).map((t) => t.value)).toContain('A');
  });

  it('the committed allow-list is short, justified, and matches only what it names', () => {
    const entries = loadAllowList();
    expect(entries.length).toBeLessThanOrEqual(8);
    const findings = [
      {
        where: 'response' as const,
        operation: 'GET /campaigns',
        message: '200 body/not_sending_status must be equal to one of the allowed values',
      },
      { where: 'response' as const, operation: 'GET /campaigns', message: '200 body/status must be number' },
    ];
    const { allowed, violations } = applyAllowList(findings, entries);
    expect(allowed).toHaveLength(1);
    expect(violations).toEqual([findings[1]]);
  });
});
