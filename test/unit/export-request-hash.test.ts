import { exportRequestHash } from '../../api/services/export-request-hash';
import { exportRequestSchema, type ExportRequest } from '../../contracts/schemas/export-request';
import { exportBody } from '../fixtures/businesses';

const request = (over: Record<string, unknown> = {}): ExportRequest =>
  exportRequestSchema.parse(exportBody(over));

describe('exportRequestHash: one hash per request, however it is written', () => {
  it('is a hex SHA-256 and stable', () => {
    expect(exportRequestHash(request())).toMatch(/^[0-9a-f]{64}$/);
    expect(exportRequestHash(request())).toBe(exportRequestHash(request()));
  });

  it('ignores key order at every depth', () => {
    const a = request();
    const reversed = JSON.parse(
      JSON.stringify(a, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as ExportRequest;
    expect(Object.keys(reversed)).toEqual(Object.keys(a).reverse());
    expect(exportRequestHash(reversed)).toBe(exportRequestHash(a));
  });

  it('treats force/allowReexport false as absent, and true as a different request', () => {
    const base = exportRequestHash(request());
    expect(exportRequestHash(request({ force: false, allowReexport: false }))).toBe(base);
    expect(exportRequestHash(request({ force: true }))).not.toBe(base);
    expect(exportRequestHash(request({ allowReexport: true }))).not.toBe(base);
    expect(exportRequestHash(request({ force: true }))).not.toBe(
      exportRequestHash(request({ allowReexport: true })),
    );
  });

  it('changes with any value, and keeps array order significant', () => {
    const base = exportRequestHash(request());
    expect(exportRequestHash(request({ campaignName: 'Other outreach' }))).not.toBe(base);
    const days = ['fri', 'thu', 'wed', 'tue', 'mon'];
    const schedule = { ...exportBody().schedule, days };
    expect(exportRequestHash(request({ schedule }))).not.toBe(base);
  });

  it('treats an undefined property as absent (JSON would drop it too)', () => {
    const r = request();
    expect(exportRequestHash({ ...r, dailyLimit: undefined })).toBe(exportRequestHash(r));
  });
});
