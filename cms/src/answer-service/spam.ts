/** Why a text was refused as spam, for a clear message. */
export type SpamReason = 'links' | 'repetition' | 'not-words' | 'advertising';

const ADVERTISING = /\b(casino|viagra|cialis|bitcoin|crypto|forex|loan offer|seo services|buy followers|kjøp følgere|onlyfans\.com|porn|xxx|betting|lottery winner|work from home|make money)\b/i;
const LINK = /(https?:\/\/|www\.)\S+/gi;

/**
 * Cheap checks for text no young person writes: many links, advertising, keyboard mashing, one
 * word over and over. Deliberately narrow — a real question refused is worse than spam answered,
 * so anything that reads like a sentence passes.
 */
export function spamReason(text: string): SpamReason | null {
  if ((text.match(LINK) ?? []).length > 2) return 'links';
  if (ADVERTISING.test(text)) return 'advertising';
  if (/(.)\1{14,}/u.test(text.replace(/\s+/g, ''))) return 'repetition';
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const visible = text.replace(/\s+/g, '').length;
  if (visible > 0 && letters / visible < 0.5) return 'not-words';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 2) return 'not-words';
  // A word without a vowel longer than 6 letters is keyboard mashing ("sdfghjkl").
  const mashed = words.filter((w) => w.length > 6 && !/[aeiouyæøåéèü]/.test(w)).length;
  if (mashed > 0 && mashed / words.length >= 0.5) return 'not-words';
  if (words.length >= 8) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    if (Math.max(...counts.values()) / words.length > 0.6) return 'repetition';
  }
  return null;
}
