import { parseArgs } from 'node:util';
import { bridgeApi, describeExport, followExport } from './api-client';

/**
 * npm run export -- <campaignId> [--name "Campaign"] [--timezone America/Chicago] [--from 09:00] [--to 17:00]
 *   [--days mon,tue,wed,thu,fri] [--template local-intro] [--activate] [--force] [--allow-reexport]
 *   [--api http://localhost:3000]
 * Starts an export through the HTTP API and shows a progress bar until it finishes (exit 1 unless completed).
 * Running it twice with the same options follows the first export (the API de-duplicates identical requests)
 * unless --force; --allow-reexport also sends leads an earlier export already sent.
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
      force: { type: 'boolean', default: false },
      'allow-reexport': { type: 'boolean', default: false },
      api: { type: 'string' },
    },
  });
  const campaignId = positionals[0];
  if (!campaignId)
    throw new Error(
      'usage: npm run export -- <campaignId> [--name ...] [--timezone ...] [--template ...] [--activate] [--force] [--allow-reexport]',
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
      force: values.force,
      allowReexport: values['allow-reexport'],
    },
  );
  console.log(
    `${started.body.existing ? 'this request already made export' : 'export started'}: ${started.body.exportId}`,
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
