import type * as z from 'zod/mini';

/**
 * Parses a hostile message text: length cap, JSON, then `schema`. Null for anything that is not a
 * string of at most `maxChars`, not JSON, or not a valid payload; never throws.
 */
export function parseJsonText<T>(
  schema: z.ZodMiniType<T>,
  text: unknown,
  maxChars = Number.POSITIVE_INFINITY,
): T | null {
  if (typeof text !== 'string' || text.length > maxChars) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
