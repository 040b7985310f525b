import { createHash, randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a receipt read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 4;

/** Letters per receipt: 20 × 5 bits = 100 bits of entropy. */
export const RECEIPT_LENGTH = GROUPS * GROUP_LENGTH;

/** A new receipt code, `XXXX-XXXX-XXXX-XXXX-XXXX`, from the operating system's CSPRNG. */
export function newReceipt(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * The canonical form of what someone typed: case, spaces and dashes ignored, and the letters
 * people confuse with digits read as those digits (O → 0, I/L → 1), as Crockford prescribes.
 * Returns null when it cannot be a receipt.
 */
export function normalizeReceipt(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== RECEIPT_LENGTH) return null;
  for (const c of cleaned) if (!ALPHABET.includes(c)) return null;
  return cleaned;
}

/**
 * What is stored: SHA-256 of the canonical code. The code has 100 bits of entropy, so a plain
 * hash cannot be reversed by guessing, and lookups stay one indexed equality.
 */
export function receiptHash(input: string): string | null {
  const code = normalizeReceipt(input);
  return code ? createHash('sha256').update(`kilde-receipt:${code}`).digest('hex') : null;
}
