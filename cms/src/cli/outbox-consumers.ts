import { parseArgs } from 'node:util';
import { forgetConsumer, type ForgetConsumerResult, type OutboxStatus } from '@kilde/store';
import type { CliTools } from './import-export';

const describe = (r: ForgetConsumerResult): string =>
  `consumer "${r.consumer}" (cursor ${r.cursor}, ${r.lag} outbox row(s) not handled) and its ` +
  `delivery rows: ${r.deliveries.retrying} retrying, ${r.deliveries.replaying} replaying, ` +
  `${r.deliveries.dead} dead`;

/**
 * `kilde outbox forget-consumer NAME [--yes]`: removes a consumer that no longer runs so its
 * cursor stops holding outbox pruning back. Without `--yes` it only says what would go.
 * @remarks Exit codes: 0 removed; 1 not removed (no `--yes`, unknown consumer, or its lease is
 * held: it runs somewhere, and there is deliberately no override); 64 usage. The removal is
 * written to the audit log as `outbox.forget-consumer` in the same transaction.
 */
export async function forgetConsumerCommand(
  args: string[],
  tools: Pick<CliTools, 'withDatabase' | 'out'> & { actor: string },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean' } },
    allowPositionals: true,
  });
  const name = positionals[0];
  if (name === undefined || positionals.length > 1) {
    process.stderr.write('Usage: kilde outbox forget-consumer NAME [--yes]\n');
    return 64;
  }
  return tools.withDatabase(async (knex) => {
    if (values.yes !== true) {
      const preview = await forgetConsumer(knex, name, { dryRun: true });
      tools.out(`Would remove ${describe(preview)}.`);
      tools.out('Its events are not delivered to it again; if it ever comes back it registers anew.');
      process.stderr.write('kilde: nothing removed; run again with --yes to remove it\n');
      return 1;
    }
    const result = await forgetConsumer(knex, name, { actor: tools.actor });
    tools.out(`Removed ${describe(result)}.`);
    tools.out('Recorded in the audit log (outbox.forget-consumer). The next prune may pass its old cursor.');
    return 0;
  });
}

/** Lines under `kilde outbox status` naming stale consumers and what to do about them. */
export function staleConsumerHints(status: OutboxStatus, staleAfterHours: number): string[] {
  return status.consumers
    .filter((c) => c.stale)
    .map(
      (c) =>
        `stale: "${c.name}" is ${c.lag} row(s) behind without progress for ${Math.floor(c.stalledSeconds / 3600)} h (threshold ${staleAfterHours} h)` +
        (c.leaseHeld
          ? '; it holds its lease, so it runs but is stuck: see its lastError'
          : `; no dispatcher holds it. If it no longer exists: npx kilde outbox forget-consumer ${c.name}`),
    );
}
