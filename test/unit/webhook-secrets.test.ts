import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { intakeUrl } from '../../lib/engagement/webhook-registration';
import { webhookSecretAad, whichSecret } from '../../lib/engagement/webhook-secrets';

describe('per-organization webhook URL and secret check', () => {
  const org = '7b0c5a8e-1f2d-4c3b-9a8e-0123456789ab';

  it('the default organization keeps the path it had; every other organization has its id in the path', () => {
    expect(intakeUrl('https://bridge.example/')).toBe('https://bridge.example/api/webhooks/instantly');
    expect(intakeUrl('https://bridge.example', DEFAULT_ORGANIZATION_ID)).toBe(
      'https://bridge.example/api/webhooks/instantly',
    );
    expect(intakeUrl('https://bridge.example', org)).toBe(
      `https://bridge.example/api/webhooks/instantly/${org}`,
    );
  });

  it('tells the current secret from the previous one and refuses everything else', () => {
    const secrets = { current: 'c'.repeat(43), previous: 'p'.repeat(43) };
    expect(whichSecret('c'.repeat(43), secrets)).toBe('current');
    expect(whichSecret('p'.repeat(43), secrets)).toBe('previous');
    expect(whichSecret('x'.repeat(43), secrets)).toBeNull();
    expect(whichSecret('', secrets)).toBeNull();
    expect(whichSecret('c'.repeat(43), null)).toBeNull(); // unknown organization
    // No previous secret: a stand-in never matches, not even the sentinel compared against.
    expect(whichSecret('\0none', { current: 'c'.repeat(43), previous: null })).toBeNull();
    expect(whichSecret('\0none', null)).toBeNull();
  });

  it("a sealed secret's associated data names its organization and purpose (not the API key's)", () => {
    expect(webhookSecretAad(org)).toBe(`webhook-secret:${org}`);
    expect(webhookSecretAad(org)).not.toBe(org);
  });
});
