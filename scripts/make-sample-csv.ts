import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { csvCell } from '../tools/csv';

/**
 * Writes prisma/sample-businesses.csv: a realistic finished lead-generation campaign (300 local businesses in
 * Austin, TX, with AI-written icebreakers and subject lines; about 1 in 8 has no email). Deterministic.
 */
const CATEGORIES = [
  'Dental clinic',
  'Plumbing',
  'Bakery',
  'Auto repair',
  'Yoga studio',
  'Florist',
  'Law office',
  'Coffee shop',
  'HVAC',
  'Pet grooming',
];
const NAMES = [
  'Lone Star',
  'Barton Creek',
  'Congress Ave',
  'Hill Country',
  'Zilker',
  'Eastside',
  'Bluebonnet',
  'Riverside',
  'Mueller',
  'South Lamar',
  'Cedar Park',
  'Round Rock',
];
const FIRST = [
  'Maria',
  'James',
  'Linh',
  'Carlos',
  'Aisha',
  'Ben',
  'Priya',
  'Tom',
  'Grace',
  'Diego',
  null,
  null,
];

const rows = Array.from({ length: 300 }, (_, i) => {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const name = `${NAMES[(i * 7) % NAMES.length]} ${category} ${i + 1}`;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-$/, '');
  const reviews = 12 + ((i * 37) % 480);
  const rating = Math.round((3.6 + ((i * 13) % 14) / 10) * 10) / 10;
  return {
    name,
    email: i % 8 === 5 ? '' : `${['hello', 'info', 'contact', 'owner'][i % 4]}@${slug}.example.com`,
    first_name: FIRST[i % FIRST.length] ?? '',
    category,
    city: 'Austin',
    state: 'TX',
    rating,
    reviews_count: reviews,
    website: `https://${slug}.example.com`,
    phone: `(512) 555-${String(1000 + i).padStart(4, '0')}`,
    icebreaker: `${reviews} reviews averaging ${rating} stars is rare for a ${category.toLowerCase()} in Austin — your customers clearly love you.`,
    subject_line: `${category} growth idea for ${name}`,
  };
});

const header = Object.keys(rows[0]!);
const csv =
  [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h as keyof typeof r])).join(','))].join(
    '\n',
  ) + '\n';
writeFileSync(path.join(__dirname, '..', 'prisma', 'sample-businesses.csv'), csv);
console.log(`wrote ${rows.length} businesses`);
