import { INSTANTLY_TIMEZONES, isInstantlyTimezone } from '../../../contracts/instantly-timezones';
import { mapTimezone, TIMEZONE_SUBSTITUTIONS } from '../../../lib/instantly/mapping';
import {
  clockHistory,
  keepsClock,
  offsetMinutesAt as offsetMinutes,
  type ClockHistory,
} from '../../../lib/instantly/timezone-clock';

// A substitute must keep the requested zone's clock from today on, by the runtime's tzdata (Node 20 ships
// tzdata 2025c, Node 24 a newer one in which America/Edmonton keeps UTC-6 all year from March 2026).
const FROM = Math.floor(Date.now() / 86_400_000) * 86_400_000;
const TO = FROM + 3 * 366 * 86_400_000;
const year = new Date(FROM).getUTCFullYear() + 1;
const JANUARY = Date.UTC(year, 0, 15, 12);
const JULY = Date.UTC(year, 6, 15, 12);
const memo = new Map<string, ClockHistory>();
function offsetHistory(zone: string, from: number, to: number): ClockHistory {
  const key = `${zone}|${from}|${to}`;
  let history = memo.get(key);
  if (history === undefined) {
    history = clockHistory(zone, from, to);
    memo.set(key, history);
  }
  return history;
}
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
    '%s → %o (or an accepted zone keeping the same clock): same offset in January and July and identical transitions for three years',
    (from, rule) => {
      const result = mapTimezone(from);
      expect(result).toMatchObject({ requested: from, substituted: true, offsetChanged: false });
      expect(isInstantlyTimezone(result.timezone)).toBe(true);
      expect(result.note).toContain(`"${from}"`);
      expect(result.note).toContain(`"${result.timezone}"`);
      // The table's target whenever this runtime's tzdata agrees with the table.
      const tableHolds = keepsClock(offsetHistory(from, FROM, TO), offsetHistory(rule.to, FROM, TO));
      if (tableHolds) expect(result.timezone).toBe(rule.to);
      else expect(result.note).toContain(`instead of the usual substitute "${rule.to}"`);
      expect(offsetMinutes(result.timezone, JANUARY)).toBe(offsetMinutes(from, JANUARY));
      expect(offsetMinutes(result.timezone, JULY)).toBe(offsetMinutes(from, JULY));
      expect(offsetHistory(result.timezone, FROM, TO)).toEqual(offsetHistory(from, FROM, TO));
    },
  );

  it.each(shifted)(
    '%s → %o: offset changes by a constant delta, same DST dates, and says so (unless a zone now keeps its clock exactly)',
    (from, rule) => {
      const delta = rule.offsetDeltaMinutes!;
      const result = mapTimezone(from);
      const exactNow = INSTANTLY_TIMEZONES.filter((tz) =>
        keepsClock(offsetHistory(from, FROM, TO), offsetHistory(tz, FROM, TO)),
      );
      if (exactNow.length > 0) {
        // e.g. America/Vancouver in tzdata 2026c: UTC-7 all year from November 2026, which America/Dawson keeps.
        expect(result).toMatchObject({ timezone: exactNow[0], substituted: true, offsetChanged: false });
        expect(result.note).toContain(`instead of the usual substitute "${rule.to}"`);
        return;
      }
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

describe('timezone clocks from the runtime tzdata', () => {
  it('finds the US DST transitions of 2027 to the minute (known answer)', () => {
    const history = clockHistory('America/Detroit', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    expect(history).toEqual({
      initial: -300,
      transitions: [
        { at: Date.UTC(2027, 2, 14, 7), offset: -240 }, // 02:00 EST, second Sunday of March
        { at: Date.UTC(2027, 10, 7, 6), offset: -300 }, // 02:00 EDT, first Sunday of November
      ],
    });
    expect(offsetMinutes('Asia/Kathmandu', JANUARY)).toBe(345);
    expect(offsetMinutes('Africa/Abidjan', JANUARY)).toBe(0);
  });

  it('keepsClock compares offsets and local transition moments, with a constant delta', () => {
    const east = clockHistory('America/Detroit', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    const central = clockHistory('America/Chicago', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    expect(keepsClock(east, east)).toBe(true);
    expect(keepsClock(central, east)).toBe(false);
    expect(keepsClock(central, east, 60)).toBe(true);
    expect(keepsClock(east, central, -60)).toBe(true);
  });
});

describe('mapTimezone: the table is checked against tzdata when used', () => {
  // A tzdata in which a region stops changing clocks: "America/Denver" keeps UTC-6 all year from `change`.
  const change = Date.UTC(2030, 2, 10, 9);
  const fixed = (offset: number): ClockHistory => ({ initial: offset, transitions: [] });
  const dst = (at: number): ClockHistory => ({ initial: -420, transitions: [{ at, offset: -360 }] });
  const fakeTzdata = (zone: string): ClockHistory => {
    if (zone === 'America/Denver') return dst(change);
    if (zone === 'America/Boise')
      return {
        initial: -420,
        transitions: [
          { at: change, offset: -360 },
          { at: change + 1e10, offset: -420 },
        ],
      };
    if (zone === 'America/Regina') return { initial: -360, transitions: [] };
    return fixed(9999);
  };

  it("the table's substitute no longer keeps the clock → an accepted zone that does, and the note says why", () => {
    const result = mapTimezone('America/Denver', (zone) =>
      zone === 'America/Regina' ? dst(change) : fakeTzdata(zone),
    );
    expect(result).toMatchObject({
      timezone: 'America/Regina',
      requested: 'America/Denver',
      substituted: true,
      offsetChanged: false,
    });
    expect(result.note).toContain('instead of the usual substitute "America/Boise"');
  });

  it('no accepted zone keeps the clock → unsupported_timezone, never a silent wrong clock', () => {
    expect(() => mapTimezone('America/Denver', fakeTzdata)).toThrow(
      expect.objectContaining({ code: 'unsupported_timezone' }),
    );
  });

  it("when tzdata agrees with the table, the table's substitute is used", () => {
    const agreeing = (zone: string) =>
      zone === 'America/Denver' || zone === 'America/Boise' ? dst(change) : fixed(9999);
    expect(mapTimezone('America/Denver', agreeing)).toMatchObject({ timezone: 'America/Boise' });
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
