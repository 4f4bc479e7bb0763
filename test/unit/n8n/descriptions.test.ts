import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from './n8n-workflow';

import { REPLY_LABELS } from '../../../contracts/reply-labels';
import { InstantlyBridgeApi } from '../../../n8n-nodes/credentials/InstantlyBridgeApi.credentials';
import { InstantlyBridge } from '../../../n8n-nodes/nodes/InstantlyBridge/InstantlyBridge.node';
import { handlers } from '../../../n8n-nodes/nodes/InstantlyBridge/router';
import { InstantlyBridgeTrigger } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/InstantlyBridgeTrigger.node';

const PACKAGE_DIR = join(__dirname, '..', '..', '..', 'n8n-nodes');
const properties = new InstantlyBridge().description.properties;
const options = (p: INodeProperties) => (p.options ?? []) as INodePropertyOptions[];
const resources = options(properties.find((p) => p.name === 'resource')!).map((o) => String(o.value));
const operationProps = properties.filter((p) => p.name === 'operation');
const operationsOf = (resource: string): string[] =>
  operationProps
    .filter((p) => p.displayOptions?.show?.resource?.includes(resource))
    .flatMap((p) => options(p).map((o) => String(o.value)));

describe('Instantly Bridge node description', () => {
  it('offers exactly the resources and operations the router handles', () => {
    expect([...resources].sort()).toEqual(Object.keys(handlers).sort());
    for (const resource of resources) {
      expect(operationProps.filter((p) => p.displayOptions?.show?.resource?.includes(resource))).toHaveLength(
        1,
      );
      expect(operationsOf(resource).sort()).toEqual(Object.keys(handlers[resource]!).sort());
    }
    expect(handlers.campaign!.importBusinesses).toHaveProperty('batch');
  });

  it('names only real resources, operations and parameters in every displayOptions', () => {
    const names = new Set(properties.map((p) => p.name));
    for (const property of properties) {
      const show = property.displayOptions?.show ?? {};
      const shownResources = (show.resource ?? []).map(String);
      expect(shownResources.every((r) => resources.includes(r))).toBe(true);
      if (property.name !== 'operation' && property.name !== 'resource')
        expect(shownResources.length).toBeGreaterThan(0);
      for (const operation of (show.operation ?? []).map(String)) {
        for (const resource of shownResources) expect(operationsOf(resource)).toContain(operation);
      }
      for (const key of Object.keys(show)) {
        if (key !== 'resource' && key !== 'operation') expect(names).toContain(key);
      }
    }
  });

  it('gives every operation an action label and keeps resource/operation out of expressions', () => {
    for (const p of [...operationProps, properties.find((x) => x.name === 'resource')!]) {
      expect(p.noDataExpression).toBe(true);
    }
    for (const o of operationProps.flatMap(options)) expect(o.action).toEqual(expect.any(String));
  });

  it('makes every subject/body template field fixed text (never an n8n expression)', () => {
    const sequence = properties.find((p) => p.name === 'sequence')!;
    const step = (sequence.options as INodePropertyCollection[])[0]!.values;
    const variant = (step.find((p) => p.name === 'variants')!.options as INodePropertyCollection[])[0]!
      .values;
    const templates = [...step, ...variant].filter((p) => p.name === 'subject' || p.name === 'body');
    expect(templates).toHaveLength(4);
    for (const field of templates) expect(field).toMatchObject({ type: 'string', noDataExpression: true });
    for (const field of templates) expect(field.typeOptions?.editor).toBeUndefined(); // no HTML editor
  });
});

describe('Instantly Bridge Trigger description', () => {
  const trigger = new InstantlyBridgeTrigger();

  it('offers the eleven event types and registers/unregisters through real webhook methods', () => {
    const eventTypes = trigger.description.properties.find((p) => p.name === 'eventTypes')!;
    expect(eventTypes).toMatchObject({ type: 'multiOptions', default: [] });
    expect(
      options(eventTypes)
        .map((o) => o.value)
        .sort(),
    ).toEqual(
      [
        'email_sent',
        'email_opened',
        'link_clicked',
        'reply_received',
        'auto_reply_received',
        'email_bounced',
        'lead_unsubscribed',
        'campaign_completed',
        'lead_interested',
        'lead_not_interested',
        'lead_meeting_booked',
      ].sort(),
    );
    expect(trigger.description.webhooks).toEqual([
      expect.objectContaining({ name: 'default', httpMethod: 'POST' }),
    ]);
    expect(trigger.description.webhooks![0]!.isFullPath).toBeUndefined(); // URL stays unique per node (webhookId)
    expect(Object.keys(trigger.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
  });

  it('filters replies by exactly the labels the service classifies into', () => {
    const labels = trigger.description.properties.find((p) => p.name === 'replyLabels')!;
    expect(labels).toMatchObject({ type: 'multiOptions', default: [] });
    expect(options(labels).map((o) => o.value)).toEqual([...REPLY_LABELS]);
  });
});

describe('package + credential', () => {
  interface Pkg {
    name: string;
    keywords: string[];
    dependencies?: unknown;
    peerDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
  }
  const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as Pkg;

  it('is a strict n8n community package with no runtime dependencies', () => {
    expect(pkg.name).toBe('n8n-nodes-instantly-bridge');
    expect(pkg.keywords).toContain('n8n-community-node-package');
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' }); // n8n's scanner accepts nothing else
    expect(pkg.devDependencies).toMatchObject({ 'n8n-workflow': '2.8.0', typescript: '5.9.3' });
    expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
    for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) {
      expect(existsSync(join(PACKAGE_DIR, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it('gives both nodes and the credential light and dark icons that exist and differ', () => {
    const icons = [
      new InstantlyBridge().description.icon,
      new InstantlyBridgeTrigger().description.icon,
      new InstantlyBridgeApi().icon,
    ];
    const dirs = ['nodes/InstantlyBridge', 'nodes/InstantlyBridgeTrigger', 'credentials'];
    icons.forEach((icon, i) => {
      expect(icon).toEqual({ light: expect.stringMatching(/^file:/), dark: expect.stringMatching(/^file:/) });
      const { light, dark } = icon as { light: string; dark: string };
      const read = (ref: string) =>
        readFileSync(join(PACKAGE_DIR, dirs[i]!, ref.slice('file:'.length)), 'utf8');
      expect(read(light)).not.toEqual(read(dark));
    });
  });

  it('authenticates with a Bearer header and tests against /api/whoami', () => {
    const credential = new InstantlyBridgeApi();
    expect(credential.name).toBe('instantlyBridgeApi');
    expect(credential.properties.find((p) => p.name === 'apiToken')!.typeOptions).toEqual({ password: true });
    expect(credential.authenticate.properties.headers).toEqual({
      Authorization: '=Bearer {{$credentials.apiToken}}',
    });
    expect(credential.test.request).toMatchObject({ method: 'GET', url: '/api/whoami' });
  });
});
