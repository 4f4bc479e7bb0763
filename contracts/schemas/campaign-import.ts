import { z } from 'zod';
import { INT4_MAX, pgText } from './pg-safe';

/**
 * One business as the standalone API and the CSV import accept it (the seed plan's column names). Every field
 * is bounded to what its column holds (pgText: no NUL / lone surrogate; reviews_count: PostgreSQL integer).
 */
const text = pgText(5000).trim().nullish();
export const businessInputSchema = z.object({
  name: pgText(500).trim().min(1),
  email: pgText(320).trim().nullish(),
  first_name: text,
  last_name: text,
  category: text,
  city: text,
  state: text,
  address: text,
  postal_code: text,
  rating: z.coerce.number().min(0).max(5).nullish(),
  reviews_count: z.coerce.number().int().min(0).max(INT4_MAX).nullish(),
  website: text,
  phone: text,
  icebreaker: text,
  subject_line: text,
});

export const MAX_BUSINESSES_PER_REQUEST = 5000;

export const createCampaignSchema = z.object({
  name: pgText(200).trim().min(1),
  keywords: pgText(500).optional(),
  location: pgText(500).optional(),
  businesses: z.array(businessInputSchema).max(MAX_BUSINESSES_PER_REQUEST).default([]),
});

export const addBusinessesSchema = z.object({
  businesses: z.array(businessInputSchema).min(1).max(MAX_BUSINESSES_PER_REQUEST),
});

export type BusinessInput = z.infer<typeof businessInputSchema>;
