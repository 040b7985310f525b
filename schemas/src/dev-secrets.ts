import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_STALE_MS = 10_000;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function readSecrets(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Development secrets shared by the CMS and the API process: read from `<dataDir>/secrets.json`,
 * and the missing ones generated and added to that file.
 * @remarks `npm start` boots both processes at once and both may reach this at the same moment;
 * a lock file (exclusive create) serialises the read-add-write so they end up with the same
 * values (the internal secret must match on both sides). A lock older than 10 s is taken over.
 * Never used in production: there a missing secret stops the process.
 */
export function developmentSecrets<K extends string>(
  dataDir: string,
  names: readonly K[],
  generate: (name: K) => string = () => randomBytes(32).toString('base64url'),
): Record<K, string> {
  const file = join(dataDir, 'secrets.json');
  const have = readSecrets(file);
  if (names.every((n) => typeof have[n] === 'string' && have[n] !== '')) return have;
  mkdirSync(dataDir, { recursive: true });
  const lock = `${file}.lock`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`Could not lock ${lock}; remove it if no Kilde process is starting`);
      Atomics.wait(sleepCell, 0, 0, 25);
    }
  }
  try {
    const current = readSecrets(file);
    let changed = false;
    for (const name of names) {
      if (typeof current[name] !== 'string' || current[name] === '') {
        current[name] = generate(name);
        changed = true;
      }
    }
    if (changed) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(current, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
    }
    return current;
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* taken over as stale */
    }
  }
}
