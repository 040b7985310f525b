import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Turns a client's IP address into a rate-limit bucket name that cannot be turned back into the
 * address and cannot be linked across days.
 * @remarks `HMAC-SHA256(secret, ip)` with a random secret made in memory for each UTC day and
 * dropped when the day ends: never written anywhere, never logged, not shared. Knowing a bucket
 * name and the day's possible IPs is useless without the secret, and tomorrow's names have
 * nothing in common with today's. The IP itself is used only for this call.
 */
export class DailyClientHasher {
  private day = '';
  private secret: Buffer = Buffer.alloc(0);

  constructor(private readonly now: () => number = Date.now) {}

  /** The bucket name of an address for today (32 hex characters). */
  hash(ip: string): string {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.secret = randomBytes(32);
    }
    return createHmac('sha256', this.secret).update(ip).digest('hex').slice(0, 32);
  }
}

/**
 * The client's address: the socket's, or with `trustProxy` the first `X-Forwarded-For` entry
 * (what a reverse proxy in front of the API reports).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
