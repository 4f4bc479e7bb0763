import { exportRequestHash, idempotencyKeySchema } from '../../api/services/export-request-hash';
import { exportRequestSchema } from '../../contracts/schemas/export-request';
import { exportBody } from '../fixtures/businesses';

const parse = (body: Record<string, unknown>) => exportRequestSchema.parse(body);

describe('exportRequestHash: the canonical request hash', () => {
  it('ignores key order and an explicit false force/allowReexport', () => {
    const base = exportRequestHash(parse(exportBody()));
    const { campaignName, schedule, ...rest } = exportBody();
    const reordered = { ...rest, schedule, force: false, allowReexport: false, campaignName };
    expect(exportRequestHash(parse(reordered))).toBe(base);
  });

  it('tells apart any change of content, force and allowReexport', () => {
    const hashes = [
      exportBody(),
      exportBody({ campaignName: 'Other' }),
      exportBody({ activate: true }),
      exportBody({ force: true }),
      exportBody({ allowReexport: true }),
      exportBody({ force: true, allowReexport: true }),
    ].map((b) => exportRequestHash(parse(b)));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('the schema accepts force and allowReexport as booleans only', () => {
    expect(exportRequestSchema.safeParse(exportBody({ force: 'yes' })).success).toBe(false);
    expect(exportRequestSchema.safeParse(exportBody({ allowReexport: 1 })).success).toBe(false);
    expect(parse(exportBody({ force: true, allowReexport: true }))).toMatchObject({
      force: true,
      allowReexport: true,
    });
  });
});

describe('idempotencyKeySchema', () => {
  it('accepts 1–255 visible ASCII characters', () => {
    for (const key of ['a', 'n8n-exec-4711:item-0', '01J9Z3K8Q4X', 'k'.repeat(255)])
      expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
  });

  it('refuses empty, too long, spaces, control characters, NUL and non-ASCII', () => {
    for (const key of ['', 'k'.repeat(256), 'a b', 'a\tb', 'a\u0000b', 'clé', '\ud800'])
      expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });
});
