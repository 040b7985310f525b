import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { recordPartnerUsage, touchPartnerKeys, type PartnerUsageIncrement } from '@kilde/store';
import type { AuthenticatedPartner } from '../auth/types';
import type { ProviderCounts } from './served-items';

/**
 * Counts requests and items served per partner, provider and day in memory and adds them to
 * `kilde_partner_usage` in one transaction every `flushMs` (and on close).
 * @remarks Anonymous by construction: the counters hold a partner name, a provider id and two
 * numbers, nothing about the partner's users or their queries. A failed flush keeps the counts
 * and tries again next time, so a database hiccup loses nothing.
 */
export class UsageRecorder {
  private pending = new Map<string, PartnerUsageIncrement>();
  private usedKeys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private dayCache = { day: '', until: 0 };

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    private readonly flushMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Records one request of `partner` that served `items` (per provider). */
  record(partner: AuthenticatedPartner, items: ProviderCounts): void {
    const day = this.today();
    this.usedKeys.add(partner.keyId);
    let total = 0;
    for (const [providerId, n] of items) {
      total += n;
      if (providerId !== '') this.add(day, partner.partner, providerId, 1, n);
    }
    this.add(day, partner.partner, '', 1, total);
  }

  /** Writes what has been counted so far. Concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.pending.size === 0 && this.usedKeys.size === 0) return Promise.resolve();
    const batch = this.pending;
    const keys = this.usedKeys;
    this.pending = new Map();
    this.usedKeys = new Set();
    this.flushing = (async () => {
      try {
        await recordPartnerUsage(this.knex, [...batch.values()]);
        await touchPartnerKeys(this.knex, [...keys]);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, rows: batch.size }, 'usage flush failed; will retry');
        for (const u of batch.values()) this.add(u.day, u.partner, u.providerId, u.requests, u.items);
        for (const k of keys) this.usedKeys.add(k);
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
  }

  private add(day: string, partner: string, providerId: string, requests: number, items: number): void {
    const key = `${day}\u0000${partner}\u0000${providerId}`;
    const row = this.pending.get(key);
    if (row) {
      row.requests += requests;
      row.items += items;
    } else this.pending.set(key, { day, partner, providerId, requests, items });
  }

  private today(): string {
    const now = this.now();
    if (now >= this.dayCache.until) {
      const day = new Date(now).toISOString().slice(0, 10);
      this.dayCache = { day, until: Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 };
    }
    return this.dayCache.day;
  }
}
