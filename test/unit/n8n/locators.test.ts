/**
 * The campaign and export pickers (resource locators): every id parameter offers list / id / URL, the list
 * methods exist, placeholders are real UUID shapes, and the URL regexes — applied exactly as n8n applies them
 * (validation anchored ^…$, extraction = first group of an unanchored exec) — take the right id and stay
 * linear on hostile input. The real-n8n proof is in test/e2e (n8n-harness.test.ts, n8n.test.ts).
 */
import type { INodeProperties } from './n8n-workflow';

import { InstantlyBridge } from '../../../n8n-nodes/nodes/InstantlyBridge/InstantlyBridge.node';
import { InstantlyBridgeTrigger } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/InstantlyBridgeTrigger.node';

const node = new InstantlyBridge();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Mode = {
  name: string;
  placeholder?: string;
  typeOptions?: { searchListMethod?: string; searchable?: boolean };
  validation?: Array<{ type: string; properties: { regex: string } }>;
  extractValue?: { type: string; regex: string };
};
const locators = (name: string): INodeProperties[] =>
  node.description.properties.filter((p) => p.name === name);
const modes = (p: INodeProperties): Mode[] => (p as unknown as { modes: Mode[] }).modes;
const urlMode = (name: string): Mode => modes(locators(name)[0]!).find((m) => m.name === 'url')!;
const valid = (mode: Mode, url: string): boolean =>
  new RegExp(`^${mode.validation![0]!.properties.regex}$`).test(url);
const extract = (mode: Mode, url: string): string | undefined =>
  new RegExp(mode.extractValue!.regex).exec(url)?.[1];

describe('campaign and export pickers', () => {
  it.each([
    ['campaignId', 'searchCampaigns', 4],
    ['existingCampaignId', 'searchCampaigns', 1],
    ['exportId', 'searchExports', 1],
  ])('%s is a resource locator (list via %s, id, url) wherever it is shown', (name, method, count) => {
    const props = locators(name);
    expect(props).toHaveLength(count);
    for (const p of props) {
      expect(p.type).toBe('resourceLocator');
      expect(p.default).toEqual({ mode: 'list', value: '' });
      expect(modes(p).map((m) => m.name)).toEqual(['list', 'id', 'url']);
      expect(modes(p)[0]!.typeOptions).toEqual({ searchListMethod: method, searchable: true });
      expect(modes(p)[1]!.placeholder).toMatch(UUID);
    }
    expect(typeof (node.methods.listSearch as Record<string, unknown>)[method]).toBe('function');
  });

  const id = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';
  const exp = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  it.each([
    ['campaignId', `http://127.0.0.1:3000/api/campaigns/${id}`, id],
    ['campaignId', `https://bridge.example.com/ui/campaigns/${id}?tab=exports#top`, id],
    ['campaignId', `https://bridge.example.com/ui/campaigns/${id}/exports/${exp}`, id],
    ['exportId', `https://bridge.example.com/api/exports/${exp}`, exp],
    ['exportId', `https://bridge.example.com/ui/campaigns/${id}/exports/${exp}`, exp],
  ])('%s by URL: %s → its id', (name, url, expected) => {
    expect(valid(urlMode(name), url)).toBe(true);
    expect(extract(urlMode(name), url)).toBe(expected);
  });

  it.each([
    ['campaignId', `https://bridge.example.com/api/exports/${exp}`],
    ['campaignId', `bridge.example.com/api/campaigns/${id}`],
    ['campaignId', `https://bridge.example.com/api/campaigns/`],
    ['exportId', `https://bridge.example.com/api/campaigns/${id}`],
    ['exportId', `https://bridge.example.com/api/exports/${exp} with spaces`],
  ])('%s by URL rejects %s', (name, url) => {
    expect(valid(urlMode(name), url)).toBe(false);
  });

  it('the URL regexes run in linear time on hostile input', () => {
    const hostile = [
      `https://a${'/campaigns/x'.repeat(20_000)}\n`,
      `https://a/${'/'.repeat(100_000)}!`,
      `https://${'a'.repeat(100_000)}`,
      `${'/campaigns/'.repeat(20_000)}`,
    ];
    const started = process.hrtime.bigint();
    for (const name of ['campaignId', 'exportId'])
      for (const input of hostile) {
        valid(urlMode(name), input);
        extract(urlMode(name), input);
      }
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });

  it('the trigger placeholder shows real UUID shapes', () => {
    const campaignIds = new InstantlyBridgeTrigger().description.properties.find(
      (p) => p.name === 'campaignIds',
    )!;
    const shown = String(campaignIds.placeholder)
      .split(',')
      .map((s) => s.trim());
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) expect(value).toMatch(UUID);
  });
});
