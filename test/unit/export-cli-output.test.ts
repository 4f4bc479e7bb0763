import { describeExport, type ExportDocument } from '../../scripts/api-client';

describe('describeExport (npm run export / npm run demo output)', () => {
  it('prints how many leads pre-flight held back as already exported', () => {
    const doc = {
      exportId: 'e1',
      status: 'failed',
      temporalUiUrl: 'http://ui/e1',
      result: {
        instantlyCampaignId: null,
        activated: false,
        error: { type: 'NoEligibleLeads', message: 'nothing to export' },
        timezone: { requested: 'America/Chicago', used: 'America/Chicago', substituted: false },
        counters: {
          eligible: 30,
          rejected: 30,
          alreadyExported: 30,
          sent: 0,
          uploaded: 0,
          duplicate: 0,
          invalid: 0,
          blocklisted: 0,
          skipped: 0,
        },
      },
    } as unknown as ExportDocument;
    expect(describeExport(doc)).toContain('30 rejected by pre-flight (30 already exported)');
  });
});
