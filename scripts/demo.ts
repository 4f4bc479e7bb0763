import path from 'node:path';
import { loadEnvWith } from '../lib/env';
import { bridgeApi, describeExport, followExport } from './api-client';
import { importCsv } from './import-csv';
import { runStackUntilSignal, type Stack } from './stack';
import { stackMode } from './stack-mode';

/**
 * npm run demo [-- --exit]: the whole flow on embedded defaults. Starts the stack with the local Instantly
 * simulator in place of Instantly, imports the sample campaign (300 Austin businesses, some without email),
 * exports it, prints the result with the Temporal Web UI link, then lets the simulator play the campaign's
 * engagement and prints the analytics that flowed back. Keeps running until Ctrl-C unless --exit.
 */
const exitWhenDone = process.argv.includes('--exit');
const base = loadEnvWith(stackMode());
const overrides: Record<string, string> = {
  START_SIMULATOR: 'true',
  INSTANTLY_API_URL: `http://127.0.0.1:${base.SIMULATOR_PORT}/api/v2`,
  INSTANTLY_API_KEY: 'demo-workspace-key',
  ENGAGEMENT_POLL_INTERVAL: '30s',
};

async function demo(stack: Stack): Promise<void> {
  const api = bridgeApi(stack.apiUrl);
  const csv = path.join(__dirname, '..', 'prisma', 'sample-businesses.csv');
  const campaign = await importCsv(csv, 'Austin local businesses (sample)', stack.apiUrl);
  console.log(`\n1. imported the sample campaign ${campaign.id}: ${campaign.businessCount} businesses`);
  const hook = await api.call<{ webhookId: string; created: boolean }>('POST', '/api/instantly/webhooks');
  console.log(`   Instantly webhook ${hook.body.created ? 'registered' : 'found'}: ${hook.body.webhookId}`);
  const started = await api.call<{ exportId: string }>(
    'POST',
    `/api/campaigns/${campaign.id}/export-to-instantly`,
    {
      campaignName: 'Austin local businesses',
      schedule: {
        timezone: 'America/Chicago',
        from: '09:00',
        to: '17:00',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      },
      template: 'local-intro',
      activate: true,
    },
  );
  console.log(`2. export started: ${started.body.exportId}`);
  const done = await followExport(api, started.body.exportId);
  console.log(`3. ${describeExport(done)}`);
  const instantlyId = done.result?.instantlyCampaignId;
  if (done.status !== 'completed' || !instantlyId) throw new Error('the demo export did not complete');
  const totals = await playCampaign(`http://127.0.0.1:${stack.env.SIMULATOR_PORT}`, instantlyId);
  console.log(`4. the simulator played the campaign: ${JSON.stringify(totals)}`);
  const funnel = await waitForFunnel(api, campaign.id, totals);
  console.log(`5. engagement that flowed back into our database: ${JSON.stringify(funnel)}`);
  console.log(
    `6. see it in the dashboard: ${stack.apiUrl}/ (sign in with API_TOKEN; campaign ${campaign.id})`,
  );
  console.log(
    exitWhenDone
      ? '\ndemo done'
      : '\nThe stack keeps running: explore the API and the Temporal UI. Ctrl-C stops everything.',
  );
  if (exitWhenDone) process.kill(process.pid, 'SIGINT');
}

/** Asks the simulator to play the campaign's engagement story (webhooks to our API); returns its ground truth. */
async function playCampaign(simUrl: string, instantlyId: string): Promise<Record<string, number>> {
  const res = await fetch(`${simUrl}/_sim/campaigns/${instantlyId}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed: 7, eventsPerSecond: 400 }),
  });
  if (!res.ok) throw new Error(`simulator run failed: ${res.status} ${await res.text()}`);
  const truth = (await res.json()) as { totals?: Record<string, number> };
  return truth.totals ?? {};
}

/** Polls our analytics until it matches what the simulator played (every funnel stage), bounded at 60 s. */
async function waitForFunnel(
  api: ReturnType<typeof bridgeApi>,
  campaignId: string,
  truth: Record<string, number>,
) {
  const stages = ['sent', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed'];
  let funnel: Record<string, number> = {};
  for (let i = 0; i < 60; i++) {
    funnel = (
      await api.call<{ funnel: Record<string, number> }>('GET', `/api/campaigns/${campaignId}/analytics`)
    ).body.funnel;
    if (stages.every((k) => funnel[k] === truth[k])) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return funnel;
}

runStackUntilSignal(demo, overrides).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
