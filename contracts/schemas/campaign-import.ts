import { z } from 'zod';

/** One business as the standalone API and the CSV import accept it (the seed plan's column names). */
const text = z.string().trim().max(5000).nullish();
export const businessInputSchema = z.object({
  name: z.string().trim().min(1).max(500),
  email: z.string().trim().max(320).nullish(),
  first_name: text,
  last_name: text,
  category: text,
  city: text,
  state: text,
  address: text,
  postal_code: text,
  rating: z.coerce.number().min(0).max(5).nullish(),
  reviews_count: z.coerce.number().int().min(0).nullish(),
  website: text,
  phone: text,
  icebreaker: text,
  subject_line: text,
});

export const MAX_BUSINESSES_PER_REQUEST = 5000;

export const createCampaignSchema = z.object({
  name: z.string().trim().min(1).max(200),
  keywords: z.string().max(500).optional(),
  location: z.string().max(500).optional(),
  businesses: z.array(businessInputSchema).max(MAX_BUSINESSES_PER_REQUEST).default([]),
});

export const addBusinessesSchema = z.object({
  businesses: z.array(businessInputSchema).min(1).max(MAX_BUSINESSES_PER_REQUEST),
});

export type BusinessInput = z.infer<typeof businessInputSchema>;
