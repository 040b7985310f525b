import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestDatabase } from '../../../test/helpers/test-database';

/** The `npx kilde` entry point, as an operator runs it. */
export const KILDE_BIN = join(__dirname, '..', '..', 'bin', 'kilde.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npx kilde …` in its own process against a test database, as an operator would.
 * @param env extra variables (on top of the test database's), e.g. a retention setting.
 */
export function runKilde(
  db: TestDatabase,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): CliRun {
  const run = spawnSync(process.execPath, [KILDE_BIN, ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      KILDE_DATA_DIR: db.dir,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
