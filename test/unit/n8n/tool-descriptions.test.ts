import type { INodeProperties, INodePropertyOptions } from './n8n-workflow';

import { InstantlyBridge } from '../../../n8n-nodes/nodes/InstantlyBridge/InstantlyBridge.node';
import { InstantlyBridgeTrigger } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/InstantlyBridgeTrigger.node';

const description = new InstantlyBridge().description;
const properties = description.properties;
const operationOptions = properties
  .filter((p) => p.name === 'operation')
  .flatMap((p) => (p.options ?? []) as INodePropertyOptions[]);

/** Every parameter an agent may fill, including those nested in collections (not notices, not resource/operation). */
function fillable(list: INodeProperties[]): INodeProperties[] {
  return list.flatMap((p) => {
    const nested = (p.options ?? []).flatMap((o) => {
      if ('type' in o && 'displayName' in o) return fillable([o]);
      if ('values' in o) return fillable(o.values);
      return [];
    });
    const self = p.type === 'notice' || p.name === 'resource' || p.name === 'operation' ? [] : [p];
    return [...self, ...nested];
  });
}

describe('the action node as an AI-agent tool', () => {
  it('is usable as a tool; the trigger is not', () => {
    expect(description.usableAsTool).toBe(true);
    expect(new InstantlyBridgeTrigger().description.usableAsTool).toBeUndefined();
  });

  it('says for every operation what it does and what it returns', () => {
    expect(operationOptions.length).toBeGreaterThanOrEqual(9);
    for (const option of operationOptions) {
      const text = option.description ?? '';
      expect({ operation: option.value, returns: /\bReturns (one item|one item per)\b/.test(text) }).toEqual({
        operation: option.value,
        returns: true,
      });
      expect(text.length).toBeGreaterThan(60);
      expect(option.action).toEqual(expect.any(String));
    }
  });

  it('describes every parameter an agent may fill', () => {
    const params = fillable(properties);
    expect(params.length).toBeGreaterThan(20);
    const missing = params.filter((p) => (p.description ?? '').trim().length < 10).map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it('gives every number, time and timestamp its unit', () => {
    const params = fillable(properties);
    const units = /\b(seconds?|days?|count|per day|HH:MM|IANA|ISO 8601)\b/i;
    for (const p of params.filter(
      (x) => x.type === 'number' || /\(HH:MM\)|\(Seconds\)/.test(x.displayName),
    )) {
      expect({ name: p.name, unit: units.test(p.description ?? '') }).toEqual({ name: p.name, unit: true });
    }
    const listed = operationOptions.filter((o) => /timestamp|times/.test(o.description ?? ''));
    for (const o of listed) expect(o.description).toContain('ISO 8601');
  });
});
