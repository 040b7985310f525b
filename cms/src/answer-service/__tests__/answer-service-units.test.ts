import { newReceipt, normalizeReceipt, receiptHash, RECEIPT_LENGTH } from '../receipt';
import { OriginalTextCipher } from '../original-text-cipher';
import { addWorkingDays, workingDaysBetween } from '../working-days';
import { spamReason } from '../spam';

describe('receipt codes', () => {
  it('are 20 Crockford base32 characters in five groups, all different', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newReceipt()));
    expect(codes.size).toBe(2000);
    for (const c of [...codes].slice(0, 50)) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(RECEIPT_LENGTH * 5).toBe(100); // bits of entropy
  });

  it('read the same however they are typed, and hash to one value', () => {
    const code = '7K2M-QX9P-0A1B-ZZ34-HJ8N';
    expect(normalizeReceipt(' 7k2m qx9p oa1b zz34 hj8n ')).toBe('7K2MQX9P0A1BZZ34HJ8N');
    expect(normalizeReceipt('7K2M-QX9P-0AlB-ZZ34-HJ8N')).toBe('7K2MQX9P0A1BZZ34HJ8N');
    expect(receiptHash(code.toLowerCase())).toBe(receiptHash(code));
    expect(receiptHash(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reject what cannot be a code', () => {
    expect(receiptHash('not-a-code')).toBeNull();
    expect(receiptHash('7K2M-QX9P-0A1B-ZZ34-HJ8')).toBeNull();
    expect(receiptHash('7K2M-QX9P-0A1B-ZZ34-HJ8U')).toBeNull(); // U is not in the alphabet
  });
});

describe('OriginalTextCipher', () => {
  it('round-trips, never stores the text in the clear, and refuses another key or tampering', () => {
    const a = new OriginalTextCipher('a'.repeat(24));
    const secret = 'Jeg heter Kari Nordmann og bor i Storgata 5';
    const sealed = a.encrypt(secret);
    expect(sealed).not.toContain('Kari');
    expect(a.encrypt(secret)).not.toBe(sealed); // a fresh IV each time
    expect(a.decrypt(sealed)).toBe(secret);
    expect(new OriginalTextCipher('b'.repeat(24)).decrypt(sealed)).toBeNull();
    // Change the second-to-last character (always fully part of the data in base64) to another one.
    const replaced = sealed.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${sealed.slice(0, -2)}${replaced}${sealed.slice(-1)}`;
    expect(tampered).not.toBe(sealed);
    expect(a.decrypt(tampered)).toBeNull();
    expect(a.decrypt('plain text')).toBeNull();
  });
});

describe('working days', () => {
  it('skips weekends (Oslo calendar)', () => {
    // Thursday 12:00 UTC + 5 working days = next Thursday.
    expect(addWorkingDays(new Date('2026-11-26T12:00:00Z'), 5).toISOString()).toBe('2026-12-03T12:00:00.000Z');
    // Friday + 1 = Monday.
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 1).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(workingDaysBetween(new Date('2026-11-27T10:00:00Z'), new Date('2026-11-30T11:00:00Z'))).toBe(1);
    expect(workingDaysBetween(new Date('2026-11-27T10:00:00Z'), new Date('2026-11-27T09:00:00Z'))).toBe(0);
  });
});

describe('spamReason', () => {
  it.each([
    ['Buy followers now https://x.example https://y.example https://z.example', 'links'],
    ['Cheap viagra and casino bonus for you', 'advertising'],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'repetition'],
    ['1234567890 !!!! ???? 12345', 'not-words'],
    ['sdfghjkl qwrtzxcv bnmlkjhg', 'not-words'],
    ['hei hei hei hei hei hei hei hei hei hei', 'repetition'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(spamReason(text)).toBe(reason);
  });

  it.each([
    'Er det normalt å ha vondt i magen når man har mensen?',
    'jeg er 15 og lurer på om jeg kan ta p-piller uten at foreldrene mine vet det',
    'Hjelp!!! Kondomet røk i går, hva gjør jeg nå???',
    'i feel so tired all the time, is something wrong with me',
    'Se https://ung.no/klamydia – stemmer det de skriver der?',
  ])('lets a real question through: %j', (text) => {
    expect(spamReason(text)).toBeNull();
  });
});
