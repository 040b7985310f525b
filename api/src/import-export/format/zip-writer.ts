import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  method: number;
  offset: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((1980 - 1980) << 9) | (1 << 5) | 1; // 1980-01-01: fixed, so equal exports are equal bytes

/**
 * A small streaming zip writer: each entry is deflated and written at once, only the central
 * directory (about 50 bytes per entry) stays in memory. ZIP64 end records are written when there
 * are more than 65,535 entries, so a 110k-document export is a valid zip.
 * @remarks Entries larger than 4 GB are not supported (no document or image comes close).
 */
export class ZipWriter {
  private readonly central: CentralEntry[] = [];
  private offset = 0;

  constructor(private readonly out: Writable) {}

  private async write(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** Adds one file; `store` skips compression (already compressed images). */
  async add(name: string, data: Buffer | string, options: { store?: boolean } = {}): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const method = options.store ? 0 : 8;
    const body = method === 8 ? deflateRawSync(bytes) : bytes;
    const crc = crc32(bytes);
    if (this.offset > 0xfffffffe || bytes.length > 0xfffffffe)
      throw new Error('zip entries beyond 4 GB are not supported');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(bytes.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    this.central.push({
      name: nameBytes,
      crc,
      compressed: body.length,
      size: bytes.length,
      method,
      offset: this.offset,
    });
    await this.write(Buffer.concat([header, nameBytes]));
    await this.write(body);
  }

  /** Writes the central directory and end records; does not end the output stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.central) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(45, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0800, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.name]));
    }
    const size = this.offset - start;
    const count = this.central.length;
    if (count > 0xffff || start > 0xfffffffe) {
      const z64 = Buffer.alloc(56);
      const z64Offset = this.offset;
      z64.writeUInt32LE(0x06064b50, 0);
      z64.writeBigUInt64LE(44n, 4);
      z64.writeUInt16LE(45, 12);
      z64.writeUInt16LE(45, 14);
      z64.writeBigUInt64LE(BigInt(count), 24);
      z64.writeBigUInt64LE(BigInt(count), 32);
      z64.writeBigUInt64LE(BigInt(size), 40);
      z64.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(z64Offset), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([z64, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, 0xffffffff), 12);
    end.writeUInt32LE(Math.min(start, 0xffffffff), 16);
    await this.write(end);
  }
}
