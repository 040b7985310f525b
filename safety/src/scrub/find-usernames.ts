import { wordSet } from '../word-set';
import type { Candidate } from './types';

// "@kari_02"; not the "@" inside an e-mail address or a URL.
const AT_HANDLE =
  /(?<![\p{L}\p{N}_.@\]/\\+\-'#&!$%*=?^`{|}~])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?(?![\p{L}\p{N}_@[])/gu;
// Discord's old "navn#1234".
const DISCORD_TAG = /(?<![\p{L}\p{N}_.#\]])[\p{L}\p{N}_.]{2,32}#\d{4}(?![\p{L}\p{N}[])/gu;

const PLATFORMS =
  'snapchat|snap|sc|instagram|insta|ig|tiktok|tik tok|discord|kik|telegram|twitter|twitch|steam|roblox|psn|xbox|reddit|facebook|fb|threads|bereal|youtube|yt|signal|wechat';
// The platform word, an optional Norwegian definite ending ("snapen", "snappen", "instaen"),
// then whatever stands between it and the handle.
const LABEL = new RegExp(
  `(?<![\\p{L}\\p{N}_])(${PLATFORMS})(?:p?en|et)?(?![\\p{L}\\p{N}_])`,
  'giu',
);
const TWO_LETTER = wordSet('sc ig fb yt');
const FILLERS = wordSet(
  `min mi mitt my navn navnet name brukernavn brukarnamn username handle id er is heter
   heiter meg me på pa`,
);
const POSSESSIVE = wordSet('min mi mitt my');
const NOT_HANDLES = wordSet(
  `og eller and or meg me deg you som hvis if the a en ei et på pa i til med with on in for
   er is`,
);
const TOKEN = /^[\s:=–-]*(@?[\p{L}\p{N}_.-]+(?:#\d{4})?)/u;

/**
 * Finds social media handles: "@navn", "navn#1234", and handles after a platform name
 * ("snap: navn", "insta: navn", "sc: navn", "tiktok: navn", "snapen min er navn").
 * @remarks After a bare platform word (no ":"/"="/"er") only handle-looking tokens count —
 * with a digit, "_", "." or "#" — so "legg meg til på snap og insta" keeps its words.
 * Only the handle is replaced; the platform name stays, since it tells the reader something.
 */
export function findUsernames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [AT_HANDLE, DISCORD_TAG]) {
    for (const m of text.matchAll(re)) {
      found.push({ type: 'username', start: m.index, end: m.index + m[0].length });
    }
  }

  for (const m of text.matchAll(LABEL)) {
    const platform = (m[1] ?? '').toLowerCase();
    const definite = m[0].length > platform.length;
    const wordBefore = text
      .slice(Math.max(0, m.index - 6), m.index)
      .trim()
      .split(/\s+/)
      .pop();
    let possessive = POSSESSIVE.has((wordBefore ?? '').toLowerCase());
    let colon = false;
    let copula = false;
    let pos = m.index + m[0].length;

    // Skip "min", "er", "navn", ":" … between the platform and the handle.
    for (;;) {
      const sep = /^\s*[:=]\s*/u.exec(text.slice(pos));
      if (sep) {
        colon = true;
        pos += sep[0].length;
        continue;
      }
      const word = /^\s+(\p{L}+)(?=[\s:=])/u.exec(text.slice(pos));
      const w = word?.[1]?.toLowerCase() ?? '';
      if (!word || !FILLERS.has(w)) break;
      if (POSSESSIVE.has(w)) possessive = true;
      if (w === 'er' || w === 'is' || w === 'heter' || w === 'heiter') copula = true;
      pos += word[0].length;
    }

    const t = TOKEN.exec(text.slice(pos));
    const raw = t?.[1];
    if (!t || !raw) continue;
    const handle = raw.replace(/[.-]+$/u, '');
    if (handle.length < 2 || NOT_HANDLES.has(handle.toLowerCase())) continue;
    const looksLikeHandle = /[\d_.#]/u.test(handle) || handle.startsWith('@');
    // "snap er gøy" is about the app; "snapen min er kari" names an account.
    const labelled = colon || (copula && (possessive || definite) && !TWO_LETTER.has(platform));
    if (!looksLikeHandle && !labelled) continue;
    const start = pos + t[0].length - raw.length;
    found.push({ type: 'username', start, end: start + handle.length });
  }
  return found;
}
