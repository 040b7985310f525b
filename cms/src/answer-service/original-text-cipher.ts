import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts a crisis question's original text at rest (AES-256-GCM) with a key derived from the
 * CMS's `ENCRYPTION_KEY`, so a database dump alone does not reveal it.
 * @remarks The original is kept only while a crisis may need it (the answerer may have to see a
 * name or a place to get help there); it is cleared when the question is answered.
 */
export class OriginalTextCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('OriginalTextCipher needs a secret');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kilde', 'answer-service/original-text', 32));
  }

  encrypt(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  }

  /** The plain text, or null when the value was not made with this key (or was tampered with). */
  decrypt(value: string): string | null {
    if (!value.startsWith(`${VERSION}:`)) return null;
    const raw = Buffer.from(value.slice(VERSION.length + 1), 'base64url');
    if (raw.length < 28) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
