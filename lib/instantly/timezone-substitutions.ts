import type { InstantlyTimezone } from '../../contracts/instantly-timezones';

/** How a common IANA zone that Instantly rejects is replaced by one of its 102 accepted zones. */
export interface TimezoneSubstitution {
  to: InstantlyTimezone;
  /** Human description of the clock both zones keep. */
  label: string;
  /**
   * Set only when no accepted zone keeps the same clock: the substitute's UTC offset minus the requested
   * zone's, constant all year because both follow the same DST dates.
   */
  offsetDeltaMinutes?: number;
}

interface Group extends TimezoneSubstitution {
  /** Space-separated IANA names. */
  from: string;
}

// Each target keeps the same UTC offset AND the same DST transitions as every zone mapped to it by the tzdata
// this table was written against; mapTimezone re-checks that against the runtime's tzdata on use (regions
// change their rules: tzdata 2026c has Alberta and British Columbia stop changing clocks in November 2026). Among equivalent targets the one with the
// longest-stable rules is preferred, so a future tzdata change to the substitute is least likely.
// The one exception is US Pacific time: none of the 102 zones keeps it (Dawson/Creston are UTC-7 all year,
// Anchorage is Alaska time). Boise (US Mountain) is used, as Instantly's own MCP server does, because it
// follows the same US DST dates and is therefore exactly +60 min all year, which a caller can compensate by
// moving the sending window; America/Dawson would be exact in summer but 1 h off in winter.
const GROUPS: readonly Group[] = [
  {
    to: 'America/Detroit',
    label: 'US Eastern time (UTC-5, summer UTC-4, US DST dates)',
    from: 'America/New_York America/Toronto America/Montreal America/Nassau America/Indiana/Indianapolis America/Indianapolis America/Kentucky/Louisville US/Eastern',
  },
  {
    to: 'America/Chicago',
    label: 'US Central time (UTC-6, summer UTC-5, US DST dates)',
    from: 'America/Winnipeg US/Central',
  },
  {
    to: 'America/Boise',
    label: 'US Mountain time (UTC-7, summer UTC-6, US DST dates)',
    from: 'America/Denver America/Edmonton US/Mountain',
  },
  {
    to: 'America/Boise',
    label: 'US Mountain time, used for US Pacific time (UTC-8, summer UTC-7), which Instantly does not offer',
    offsetDeltaMinutes: 60,
    from: 'America/Los_Angeles America/Vancouver America/Tijuana US/Pacific',
  },
  {
    to: 'America/Creston',
    label: 'Mountain Standard Time all year (UTC-7, no DST)',
    from: 'America/Phoenix US/Arizona',
  },
  { to: 'Etc/GMT+10', label: 'Hawaii time (UTC-10, no DST)', from: 'Pacific/Honolulu US/Hawaii' },
  {
    to: 'America/Anchorage',
    label: 'Alaska time (UTC-9, summer UTC-8)',
    from: 'America/Juneau US/Alaska',
  },
  {
    to: 'America/Bahia_Banderas',
    label: 'Mexican central time (UTC-6, no DST since 2022)',
    from: 'America/Mexico_City America/Monterrey America/Merida',
  },
  {
    to: 'America/Glace_Bay',
    label: 'Atlantic time (UTC-4, summer UTC-3, US/Canada DST dates)',
    from: 'America/Halifax',
  },
  {
    to: 'America/Anguilla',
    label: 'Atlantic Standard Time (UTC-4, no DST)',
    from: 'America/Puerto_Rico America/Santo_Domingo',
  },
  {
    to: 'America/Bogota',
    label: 'UTC-5 all year',
    from: 'America/Lima America/Panama America/Guayaquil',
  },
  {
    to: 'America/Argentina/La_Rioja',
    label: 'Argentina time (UTC-3, no DST)',
    from: 'America/Argentina/Buenos_Aires America/Buenos_Aires',
  },
  {
    to: 'Europe/Isle_of_Man',
    label: 'UK/Irish/Portuguese time (UTC+0, summer UTC+1, EU DST dates)',
    from: 'Europe/London Europe/Dublin Europe/Lisbon Europe/Jersey Europe/Guernsey GB',
  },
  {
    to: 'Europe/Belgrade',
    label: 'Central European time (UTC+1, summer UTC+2, EU DST dates)',
    from: 'Europe/Paris Europe/Berlin Europe/Madrid Europe/Rome Europe/Amsterdam Europe/Brussels Europe/Vienna Europe/Zurich Europe/Stockholm Europe/Oslo Europe/Copenhagen Europe/Prague Europe/Warsaw Europe/Budapest Europe/Luxembourg Europe/Zagreb Europe/Ljubljana CET',
  },
  {
    to: 'Europe/Helsinki',
    label: 'Eastern European time (UTC+2, summer UTC+3, EU DST dates)',
    from: 'Europe/Athens Europe/Kyiv Europe/Kiev Europe/Riga Europe/Tallinn Europe/Vilnius Europe/Sofia',
  },
  {
    to: 'Europe/Kirov',
    label: 'Moscow time (UTC+3, no DST)',
    from: 'Europe/Moscow Europe/Minsk Europe/Simferopol',
  },
  { to: 'Europe/Istanbul', label: 'Turkey time (UTC+3, no DST)', from: 'Asia/Istanbul Turkey' },
  {
    to: 'Asia/Aden',
    label: 'Arabia Standard Time (UTC+3, no DST)',
    from: 'Asia/Riyadh Asia/Qatar Asia/Kuwait Asia/Bahrain',
  },
  {
    to: 'Africa/Addis_Ababa',
    label: 'East Africa Time (UTC+3, no DST)',
    from: 'Africa/Nairobi Africa/Kampala Africa/Dar_es_Salaam',
  },
  { to: 'Asia/Jerusalem', label: 'Israel time (same zone, older name)', from: 'Asia/Tel_Aviv Israel' },
  { to: 'Asia/Dubai', label: 'Gulf Standard Time (UTC+4, no DST)', from: 'Asia/Muscat' },
  { to: 'Asia/Karachi', label: 'UTC+5 all year', from: 'Asia/Tashkent' },
  { to: 'Asia/Kolkata', label: 'India Standard Time (same zone, older name)', from: 'Asia/Calcutta' },
  { to: 'Asia/Kathmandu', label: 'Nepal time (same zone, older name)', from: 'Asia/Katmandu' },
  { to: 'Asia/Rangoon', label: 'Myanmar time (same zone, newer name)', from: 'Asia/Yangon' },
  {
    to: 'Asia/Krasnoyarsk',
    label: 'UTC+7 all year',
    from: 'Asia/Bangkok Asia/Jakarta Asia/Ho_Chi_Minh Asia/Saigon Asia/Phnom_Penh',
  },
  {
    to: 'Asia/Hong_Kong',
    label: 'China Standard Time (UTC+8, no DST)',
    from: 'Asia/Shanghai Asia/Macau PRC',
  },
  {
    to: 'Asia/Brunei',
    label: 'UTC+8 all year',
    from: 'Asia/Singapore Asia/Kuala_Lumpur Asia/Manila Singapore',
  },
  {
    to: 'Asia/Dili',
    label: 'UTC+9 all year (Japan/Korea Standard Time)',
    from: 'Asia/Tokyo Asia/Seoul Japan',
  },
  {
    to: 'Australia/Melbourne',
    label: 'Australian Eastern time (UTC+10, summer UTC+11, Australian DST dates)',
    from: 'Australia/Sydney Australia/Canberra Australia/Hobart Australia/ACT Australia/NSW',
  },
  {
    to: 'Africa/Blantyre',
    label: 'UTC+2 all year (Central/South Africa)',
    from: 'Africa/Johannesburg Africa/Harare Africa/Maputo',
  },
  { to: 'Africa/Algiers', label: 'UTC+1 all year (West Africa)', from: 'Africa/Lagos Africa/Tunis' },
  {
    to: 'Africa/Abidjan',
    label: 'UTC+0 all year (no DST)',
    from: 'UTC Etc/UTC Etc/GMT GMT Etc/Universal Etc/Zulu Africa/Accra Atlantic/Reykjavik',
  },
];

/** Every documented substitution, keyed by the requested IANA name. */
export const TIMEZONE_SUBSTITUTIONS: Readonly<Record<string, TimezoneSubstitution>> = Object.freeze(
  Object.fromEntries(
    GROUPS.flatMap(({ from, ...rule }) =>
      from.split(' ').map((name): [string, TimezoneSubstitution] => [name, rule]),
    ),
  ),
);
