import { parseArgs } from 'node:util';
import { bridgeApi, describeExport, followExport } from './api-client';

/**
 * npm run export -- <campaignId> [--name "Campaign"] [--timezone America/Chicago] [--from 09:00] [--to 17:00]
 *   [--days mon,tue,wed,thu,fri] [--template local-intro] [--activate] [--api http://localhost:3000]
 * Starts an export through the HTTP API and shows a progress bar until it finishes (exit 1 unless completed).
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      timezone: { type: 'string', default: 'America/Chicago' },
      from: { type: 'string', default: '09:00' },
      to: { type: 'string', default: '17:00' },
      days: { type: 'string', default: 'mon,tue,wed,thu,fri' },
      template: { type: 'string', default: 'local-intro' },
      activate: { type: 'boolean', default: false },
      api: { type: 'string' },
    },
  });
  const campaignId = positionals[0];
  if (!campaignId)
    throw new Error(
      'usage: npm run export -- <campaignId> [--name ...] [--timezone ...] [--template ...] [--activate]',
    );
  const api = bridgeApi(values.api);
  const campaign = await api.call<{ name: string }>('GET', `/api/campaigns/${campaignId}`);
  const started = await api.call<{ exportId: string; temporalUiUrl: string; existing: boolean }>(
    'POST',
    `/api/campaigns/${campaignId}/export-to-instantly`,
    {
      campaignName: values.name ?? campaign.body.name,
      schedule: {
        timezone: values.timezone,
        from: values.from,
        to: values.to,
        days: values.days.split(',').map((d) => d.trim()),
      },
      template: values.template,
      activate: values.activate,
    },
  );
  console.log(
    `${started.body.existing ? 'following the identical export already running' : 'export started'}: ${started.body.exportId}`,
  );
  console.log(`Temporal UI: ${started.body.temporalUiUrl}`);
  const done = await followExport(api, started.body.exportId);
  console.log(describeExport(done));
  if (done.status !== 'completed') process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
