import { ApplicationFailure } from '@temporalio/common';
import { counterColumns } from '../../db/engagement-counters';
import {
  preflightLead,
  sequenceVariables,
  toInstantlyLead,
  type BusinessRow,
} from '../../activities/export-leads';
import { resolveSequence } from '../../activities/export-row';
import { TEMPLATES } from '../../contracts/templates';
import { exportRequestSchema } from '../../contracts/schemas/export-request';
import { parseCsv } from '../../tools/csv';
import { flattenCustomVariables } from '../../lib/instantly/mapping';
import { mapBusiness } from '../../n8n-nodes/nodes/InstantlyBridge/businesses';
import { route } from '../../n8n-nodes/nodes/InstantlyBridge/router';
import { fakeContext } from './n8n/fakes';

// Every name an outside string could use to reach Object.prototype through a plain-object lookup.
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

const business = (over: Partial<BusinessRow> = {}): BusinessRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Austin Bakery',
  email: 'owner@bakery.example.com',
  firstName: 'Ann',
  lastName: null,
  phone: null,
  website: null,
  category: 'Bakery',
  city: 'Austin',
  state: 'TX',
  rating: 4.5,
  reviewsCount: 12,
  icebreaker: 'Loved the croissants.',
  subjectLine: 'An idea',
  ...over,
});

describe('Object.prototype names are ordinary outside strings (issue 10 item 2)', () => {
  it('has names to test with', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']),
    );
  });

  it.each(NAMES)('as an event type, %p feeds no counter and does not break the batch', (name) => {
    expect(counterColumns([name])).toEqual([]);
    expect(counterColumns([name, 'email_opened', name])).toEqual(['opened_count']);
  });

  it.each(NAMES)('as a variable name, {{%s}} is reported missing by pre-flight', (name) => {
    const variables = sequenceVariables([`Hi {{${name}}}`]);
    expect(variables).toEqual([name]);
    expect(preflightLead(toInstantlyLead(business()), variables)).toEqual({
      outcome: 'skipped',
      reason: `missing {{${name}}}`,
    });
  });

  it.each(NAMES)('as a custom-variable key, %p is kept as an own value and found by pre-flight', (name) => {
    // As outside JSON arrives: JSON.parse makes even "__proto__" an own key.
    const record = JSON.parse(`{"${name}":"value"}`) as Record<string, unknown>;
    const flat = flattenCustomVariables(record);
    expect(flat.errors).toEqual([]);
    expect(Object.hasOwn(flat.values, name)).toBe(true);
    expect(Object.getPrototypeOf(flat.values)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(flat.values, name)?.value).toBe('value');
    // Pre-flight finds the lead's own value, not Object.prototype's member.
    const lead = { ...toInstantlyLead(business()), custom_variables: flat.values };
    expect(preflightLead(lead, [name])).toBeNull();
  });

  it.each(NAMES)('as an extra column or variable default, %p never reads Object.prototype', (name) => {
    const lead = toInstantlyLead(business(), [name], Object.fromEntries([[name, 'default']]));
    // The row has no such column: the variable is null (not a function), and the default fills it only when
    // the name is a variable the lead has (it now is one, empty).
    const value = Object.getOwnPropertyDescriptor(lead.custom_variables, name)?.value;
    expect(value === null || value === 'default').toBe(true);
    const noColumn = toInstantlyLead(business(), [], Object.fromEntries([[name, 'default']]));
    expect(Object.hasOwn(noColumn.custom_variables ?? {}, name)).toBe(false);
    expect(noColumn.first_name).toBe('Ann');
  });

  it.each(NAMES)('as a template name, %p is refused at the door and by the activity', (name) => {
    expect(TEMPLATES.get(name)).toBeUndefined();
    const base = {
      campaignName: 'x',
      schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
    };
    const parsed = exportRequestSchema.safeParse({ ...base, template: name });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('template');
    expect(() => resolveSequence({ ...base, activate: false, template: name } as never)).toThrow(
      ApplicationFailure,
    );
  });

  it('as CSV headers, every name is an own column and absent columns read as nothing', () => {
    const header = NAMES.join(',');
    const [row] = parseCsv(`${header}\n${NAMES.map((_, i) => `v${i}`).join(',')}\n`);
    NAMES.forEach((name, i) => expect(Object.getOwnPropertyDescriptor(row, name)?.value).toBe(`v${i}`));
    const [plain] = parseCsv('email\na@b.example.com\n');
    for (const name of NAMES) expect((plain as Record<string, unknown>)[name]).toBeUndefined();
  });

  it.each(NAMES)('as an n8n field mapping, %p (and a dot path into it) finds nothing', (name) => {
    const mapped = mapBusiness(
      { name: 'Biz', email: 'a@b.example.com' },
      { name: `${name}.name`, email: name },
    );
    expect(mapped).toEqual({ ok: false, error: `Item has no business name (field "${name}.name")` });
  });

  it.each(NAMES)('as n8n resource/operation parameters, %p is an unsupported operation', async (name) => {
    for (const params of [
      { resource: name, operation: 'name' },
      { resource: 'campaign', operation: name },
    ]) {
      const { exec } = fakeContext({ params });
      await expect(route(exec)).rejects.toThrow(/Unsupported operation/);
    }
  });
});
