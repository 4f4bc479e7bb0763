import { INSTANTLY_TIMEZONES, isInstantlyTimezone } from '../../../contracts/instantly-timezones';
import { mapTimezone, TIMEZONE_SUBSTITUTIONS } from '../../../lib/instantly/mapping';
import { offsetHistory, offsetMinutes } from './helpers/tz-offsets';

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2029, 0, 1);
const JANUARY = Date.UTC(2026, 0, 15, 12);
const JULY = Date.UTC(2026, 6, 15, 12);
const entries = Object.entries(TIMEZONE_SUBSTITUTIONS);
const exact = entries.filter(([, rule]) => rule.offsetDeltaMinutes === undefined);
const shifted = entries.filter(([, rule]) => rule.offsetDeltaMinutes !== undefined);

describe('mapTimezone: identity for the 102 accepted values', () => {
  it.each(INSTANTLY_TIMEZONES.map((tz) => [tz]))('%s maps to itself', (tz) => {
    expect(mapTimezone(tz)).toEqual({
      timezone: tz,
      requested: tz,
      substituted: false,
      offsetChanged: false,
    });
  });

  it('every accepted value is a real IANA zone in this runtime', () => {
    for (const tz of INSTANTLY_TIMEZONES) expect(() => offsetMinutes(tz, JANUARY)).not.toThrow();
  });
});

describe('mapTimezone: documented substitutions keep the same clock', () => {
  it('the table is not empty and every target is an accepted value, never a source', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const [from, rule] of entries) {
      expect(isInstantlyTimezone(rule.to)).toBe(true);
      expect(isInstantlyTimezone(from)).toBe(false);
    }
  });

  it.each(exact)(
    '%s → %o: same offset in January and July and identical DST transitions 2025–2028',
    (from, rule) => {
      const result = mapTimezone(from);
      expect(result).toMatchObject({
        timezone: rule.to,
        requested: from,
        substituted: true,
        offsetChanged: false,
      });
      expect(result.note).toContain(`"${from}"`);
      expect(result.note).toContain(`"${rule.to}"`);
      expect(offsetMinutes(rule.to, JANUARY)).toBe(offsetMinutes(from, JANUARY));
      expect(offsetMinutes(rule.to, JULY)).toBe(offsetMinutes(from, JULY));
      expect(offsetHistory(rule.to, FROM, TO)).toEqual(offsetHistory(from, FROM, TO));
    },
  );

  it.each(shifted)(
    '%s → %o: offset changes by a constant delta, same DST dates, and says so',
    (from, rule) => {
      const delta = rule.offsetDeltaMinutes!;
      const result = mapTimezone(from);
      expect(result).toMatchObject({
        timezone: rule.to,
        substituted: true,
        offsetChanged: true,
        offsetDeltaMinutes: delta,
      });
      expect(result.note).toMatch(/always 1 hour ahead of .* move the window later by 1 hour/);
      const target = offsetHistory(rule.to, FROM, TO);
      const source = offsetHistory(from, FROM, TO);
      expect(target.initial - source.initial).toBe(delta);
      expect(target.transitions.map((t) => t.offset)).toEqual(
        source.transitions.map((t) => t.offset + delta),
      );
      // Same local wall-clock moment (02:00 local): the UTC instants differ by exactly the delta.
      expect(target.transitions.map((t) => t.at + delta * 60_000)).toEqual(
        source.transitions.map((t) => t.at),
      );
    },
  );

  it('US Pacific time really has no exact equivalent among the 102 values (why Boise is flagged)', () => {
    const pacific = offsetHistory('America/Los_Angeles', FROM, TO);
    const equal = INSTANTLY_TIMEZONES.filter(
      (tz) => JSON.stringify(offsetHistory(tz, FROM, TO)) === JSON.stringify(pacific),
    );
    expect(equal).toEqual([]);
    expect(mapTimezone('America/Los_Angeles')).toMatchObject({
      timezone: 'America/Boise',
      offsetChanged: true,
      offsetDeltaMinutes: 60,
    });
  });

  it('the cases named in the brief', () => {
    const to = (tz: string) => mapTimezone(tz).timezone;
    expect(to('America/New_York')).toBe('America/Detroit');
    expect(to('America/Toronto')).toBe('America/Detroit');
    expect(to('America/Denver')).toBe('America/Boise');
    expect(to('Europe/London')).toBe('Europe/Isle_of_Man');
    for (const tz of ['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam']) {
      expect(to(tz)).toBe('Europe/Belgrade');
    }
    expect(to('UTC')).toBe('Africa/Abidjan');
    expect(to('Etc/UTC')).toBe('Africa/Abidjan');
    expect(to('Asia/Tokyo')).toBe('Asia/Dili');
    expect(to('Asia/Singapore')).toBe('Asia/Brunei');
    expect(to('Asia/Shanghai')).toBe('Asia/Hong_Kong');
    expect(to('Australia/Sydney')).toBe('Australia/Melbourne');
  });
});

describe('mapTimezone: input handling', () => {
  it('matches case-insensitively and trims', () => {
    expect(mapTimezone(' europe/london ')).toMatchObject({
      timezone: 'Europe/Isle_of_Man',
      substituted: true,
    });
    expect(mapTimezone('america/chicago')).toMatchObject({ timezone: 'America/Chicago', substituted: false });
  });

  it.each(['Mars/Olympus_Mons', '', 'New York', 'GMT+25'])(
    '%p is not an IANA zone → invalid_timezone',
    (tz) => {
      expect(() => mapTimezone(tz)).toThrow(expect.objectContaining({ code: 'invalid_timezone' }));
    },
  );

  it.each(['Pacific/Marquesas', 'Asia/Kolkata'.replace('Kolkata', 'Thimphu')])(
    '%p is a real zone without a documented substitute → unsupported_timezone',
    (tz) => {
      expect(() => mapTimezone(tz)).toThrow(expect.objectContaining({ code: 'unsupported_timezone' }));
    },
  );
});
