import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One request of a load loop. */
export interface Sample {
  /** Which target (API process) it went to. */
  target: string;
  /** When it started and ended, ms since the loop began. */
  start: number;
  end: number;
  /** HTTP status; 0 when no response came (connection refused or reset, timeout). */
  status: number;
  /** `errors[0].extensions.code` (GraphQL) or `error.code` (REST), when present. */
  code?: string;
  /** The network error, when there was no response. */
  error?: string;
}

export interface LoadTarget {
  name: string;
  url: string;
}

export interface LoadLoop {
  readonly samples: Sample[];
  /** ms since the loop began. */
  now(): number;
  stop(): Promise<void>;
}

/** The query every load loop sends: a page of articles, which reads the database each time. */
export const ARTICLES_QUERY = `query FaultLoad($locale: Locale!) {
  articles(locale: $locale, first: 5) { edges { node { id title slug } } }
}`;

function codeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] }).errors;
  const gql = errors?.[0]?.extensions?.code;
  if (typeof gql === 'string') return gql;
  const rest = (body as { error?: { code?: unknown } }).error?.code;
  return typeof rest === 'string' ? rest : undefined;
}

/**
 * Keeps `concurrency` requests in flight per target until stopped, recording every outcome.
 * @remarks Plain `fetch` with a per-request timeout: a request that hangs shows as status 0 with
 * a timeout error instead of stalling the loop.
 */
export function startLoad(options: {
  targets: LoadTarget[];
  key: string;
  concurrency: number;
  timeoutMs: number;
}): LoadLoop {
  const began = performance.now();
  const now = (): number => performance.now() - began;
  const samples: Sample[] = [];
  let stopping = false;
  const body = JSON.stringify({ query: ARTICLES_QUERY, variables: { locale: 'nb' } });

  async function worker(target: LoadTarget): Promise<void> {
    while (!stopping) {
      const start = now();
      try {
        const res = await fetch(`${target.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const code = res.status === 200 ? codeOf(parsed) : (codeOf(parsed) ?? `HTTP_${res.status}`);
        samples.push({ target: target.name, start, end: now(), status: res.status, code });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        samples.push({
          target: target.name,
          start,
          end: now(),
          status: 0,
          error: cause ?? (err as Error).name,
        });
        // A refused connection fails at once; don't spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  const workers = options.targets.flatMap((target) =>
    Array.from({ length: options.concurrency }, () => worker(target)),
  );
  return {
    samples,
    now,
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

/** A request that succeeded: 200 and no GraphQL error. */
export function ok(sample: Sample): boolean {
  return sample.status === 200 && sample.code === undefined;
}

/** Counts samples by `status code` for failure messages. */
export function tally(samples: readonly Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === 0 ? `network ${s.error ?? ''}` : `${s.status} ${s.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Keeps a measured figure (recovery time, counts) in `.tmp/faults/<name>.json` for the report and
 * CI log, since a passing test prints nothing.
 */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const dir = join(__dirname, '..', '..', '..', '.tmp', 'faults');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
}

/** Throws `message` (with context) unless `condition` holds: Jest's `expect` has no messages. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
