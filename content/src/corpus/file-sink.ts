import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * An append-only file that buffers small writes into large chunks and waits for `drain` when
 * the stream is full, so memory stays flat however big the corpus gets.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Bytes handed to the stream so far. */
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly chunkChars = 256 * 1024,
  ) {
    this.stream = createWriteStream(path);
    // Remember errors that happen between writes; the next write or close rethrows them.
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.chunkChars) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.bytes += Buffer.byteLength(chunk);
    // `once` rejects if the stream emits 'error' while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Abandons the file after a failure elsewhere. */
  destroy(): void {
    this.stream.destroy();
  }
}
