import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** PostgreSQL server the fault suite creates its throwaway databases on (trust auth). */
export const PG_URL = (
  process.env.KILDE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'
).replace(/\/$/, '');
/** Redis the API processes share rate limits and persisted queries through. */
export const REDIS_URL = process.env.KILDE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A child process the test started, with its output kept for failure messages. */
export interface RunningProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far (last 20 KB). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, no goodbye: a crash. */
  kill9(): Promise<void>;
}

function track(child: ChildProcess): RunningProcess {
  let out = '';
  const keep = (chunk: Buffer): void => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid ?? -1,
    output: () => out,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until `pattern` appears in the process's output; rejects if it exits first. */
export function waitForOutput(
  proc: RunningProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const match = pattern.exec(proc.output());
      if (match) {
        cleanup();
        resolve(match);
        return true;
      }
      return false;
    };
    const onData = (): void => void check();
    const onExit = (): void => {
      if (check()) return;
      cleanup();
      reject(new Error(`process ${proc.pid} exited before printing ${pattern}:\n${proc.output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}:\n${proc.output()}`),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      proc.child.stdout?.off('data', onData);
      proc.child.stderr?.off('data', onData);
      proc.child.off('exit', onExit);
    };
    proc.child.stdout?.on('data', onData);
    proc.child.stderr?.on('data', onData);
    proc.child.once('exit', onExit);
    check();
  });
}

/** The API's production entry point as a child process. */
export interface ApiProcess extends RunningProcess {
  url: string;
  dataDir: string;
}

/**
 * Starts `node api/dist/main.js` against `databaseUrl` on an ephemeral port and resolves once it
 * listens. Every request is executed (no response cache) so load reaches the database.
 */
export async function startApiProcess(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  dataDir?: string;
}): Promise<ApiProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kilde-fault-api-'));
  const child = spawn(process.execPath, [join(root, 'api', 'dist', 'main.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      KILDE_DATA_DIR: dataDir,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      API_RESPONSE_CACHE: 'false',
      KILDE_INTERNAL_SECRET: 'fault-suite-internal-secret-0123456789',
      ...options.env,
    },
  });
  const proc = track(child);
  const [, url] = await waitForOutput(proc, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { ...proc, url: url ?? '', dataDir };
}

/** Starts `test/faults/fixtures/dispatcher-process.js` (an outbox dispatcher over store/dist). */
export async function startDispatcherProcess(env: Record<string, string>): Promise<RunningProcess> {
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', 'fixtures', 'dispatcher-process.js')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...env },
    },
  );
  const proc = track(child);
  await waitForOutput(proc, /dispatcher ready/);
  return proc;
}

/** A unique Redis key prefix, so concurrent test files never share buckets. */
export function redisPrefix(): string {
  return `kilde-fault-${randomBytes(4).toString('hex')}:`;
}

/** Removes a temp folder an API process used. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
