import {
  preflightLead,
  sequenceVariables,
  toInstantlyLead,
  type BusinessRow,
} from '../../activities/export-leads';

const business = (over: Partial<BusinessRow> = {}): BusinessRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Austin Bakery',
  email: ' owner@bakery.example.com ',
  firstName: 'Ann',
  lastName: 'Lee',
  phone: '+1 512 555 0100',
  website: 'https://bakery.example.com',
  category: 'Bakery',
  city: 'Austin',
  state: 'TX',
  rating: 4.5,
  reviewsCount: 12,
  icebreaker: 'Loved the croissants.',
  subjectLine: 'An idea',
  ...over,
});

describe('toInstantlyLead: one business → one Instantly lead', () => {
  it('maps the built-ins and the seed template variables', () => {
    expect(toInstantlyLead(business())).toEqual({
      email: 'owner@bakery.example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      company_name: 'Austin Bakery',
      website: 'https://bakery.example.com',
      phone: '+1 512 555 0100',
      personalization: 'Loved the croissants.',
      custom_variables: {
        icebreaker: 'Loved the croissants.',
        subject_line: 'An idea',
        business_category: 'Bakery',
        business_location: 'Austin, TX',
        business_rating: 4.5,
        business_reviews: 12,
      },
    });
  });

  it('joins only the location parts present, and null when none is', () => {
    expect(toInstantlyLead(business({ state: null })).custom_variables).toMatchObject({
      business_location: 'Austin',
    });
    expect(toInstantlyLead(business({ city: null, state: null })).custom_variables).toMatchObject({
      business_location: null,
    });
  });

  it('adds extra columns by their snake_case or camelCase name, null when the row has none', () => {
    const lead = toInstantlyLead(business({ postalCode: '78701' }), ['postal_code', 'address']);
    expect(lead.custom_variables).toMatchObject({ postal_code: '78701', address: null });
  });

  it('fills empty values (null or blank) from the defaults, never non-empty ones', () => {
    const lead = toInstantlyLead(business({ firstName: '  ', website: null, icebreaker: null }), [], {
      firstName: 'there',
      website: 'n/a',
      icebreaker: 'Hello!',
      lastName: 'ignored',
    });
    expect(lead).toMatchObject({
      first_name: 'there',
      website: 'n/a',
      last_name: 'Lee',
      personalization: null,
    });
    expect(lead.custom_variables).toMatchObject({ icebreaker: 'Hello!' });
  });

  it('maps a missing email to an empty one (pre-flight then rejects it)', () => {
    expect(toInstantlyLead(business({ email: null })).email).toBe('');
  });
});

describe('preflightLead: the verdict on one lead', () => {
  const lead = (over: Partial<BusinessRow> = {}) => toInstantlyLead(business(over));

  it('passes a lead with a valid address and every variable the sequence uses', () => {
    expect(preflightLead(lead(), ['firstName', 'icebreaker', 'business_location'])).toBeNull();
  });

  it.each(['', 'no-at-sign.example.com', 'a@b', 'a b@example.com', 'a@-bad.example.com', '"q"@example.com'])(
    'rejects the address %p as invalid',
    (email) => {
      expect(preflightLead(lead({ email }), [])).toEqual({
        outcome: 'invalid',
        reason: 'invalid email syntax',
      });
    },
  );

  it('rejects an address longer than 254 characters without running the pattern', () => {
    const email = `${'a'.repeat(250)}@example.com`;
    expect(preflightLead(lead({ email }), [])).toEqual({
      outcome: 'invalid',
      reason: 'invalid email syntax',
    });
  });

  it('skips a lead missing a variable, naming every missing one', () => {
    expect(
      preflightLead(lead({ firstName: null, icebreaker: ' ' }), ['firstName', 'icebreaker', 'email']),
    ).toEqual({
      outcome: 'skipped',
      reason: 'missing {{firstName}}, {{icebreaker}}',
    });
  });

  it('checks the address before the variables', () => {
    expect(preflightLead(lead({ email: 'bad', firstName: null }), ['firstName'])?.outcome).toBe('invalid');
  });
});

describe('sequenceVariables', () => {
  it('lists the {{variables}} of every text once, sorted, without the ones Instantly fills itself', () => {
    expect(
      sequenceVariables([
        'Hi {{firstName}}',
        '{{icebreaker}} {{firstName}} {{sendingAccountFirstName}}',
        '{{RANDOM}}',
      ]),
    ).toEqual(['firstName', 'icebreaker']);
  });
});
