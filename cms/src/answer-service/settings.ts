import { loadCmsConfig } from '../settings/load-config';
import { OriginalTextCipher } from './original-text-cipher';
import type { AnswerServiceSettings } from './types';

let overrides: Partial<AnswerServiceSettings> = {};

/** The answer service's limits from the configuration (tests may override them). */
export function answerServiceSettings(): AnswerServiceSettings {
  const config = loadCmsConfig();
  return {
    retentionDays: config.questions.retentionDays,
    expiryDays: config.questions.expiryDays,
    responseWorkingDays: config.questions.responseWorkingDays,
    ...overrides,
  };
}

/** For tests: change the limits without restarting the CMS. */
export function setAnswerServiceSettings(next: Partial<AnswerServiceSettings>): void {
  overrides = { ...next };
}

let cipher: { secret: string; cipher: OriginalTextCipher } | undefined;

/** The cipher for crisis originals, keyed from the CMS's encryption key. */
export function originalTextCipher(): OriginalTextCipher {
  const secret = loadCmsConfig().secrets.encryptionKey;
  if (cipher?.secret !== secret) cipher = { secret, cipher: new OriginalTextCipher(secret) };
  return cipher.cipher;
}
