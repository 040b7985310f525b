import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { developmentSecrets } from '../dev-secrets';

describe('developmentSecrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kilde-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates missing secrets once and keeps existing ones', () => {
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ APP_KEYS: 'a,b' }));
    const first = developmentSecrets(dir, ['APP_KEYS', 'KILDE_INTERNAL_SECRET']);
    expect(first.APP_KEYS).toBe('a,b');
    expect(first.KILDE_INTERNAL_SECRET.length).toBeGreaterThanOrEqual(32);
    const again = developmentSecrets(dir, ['KILDE_INTERNAL_SECRET']);
    expect(again.KILDE_INTERNAL_SECRET).toBe(first.KILDE_INTERNAL_SECRET);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ APP_KEYS: 'a,b', KILDE_INTERNAL_SECRET: first.KILDE_INTERNAL_SECRET });
  });

  it('gives two processes starting at once the same secret', async () => {
    // Each child generates a different value; the lock must make the second one read the first's.
    const compiled = transformFileSync(join(__dirname, '..', 'dev-secrets.ts'), {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    }).code;
    const modulePath = join(dir, 'dev-secrets.js');
    writeFileSync(modulePath, compiled);
    const script = `
      const { developmentSecrets } = require(${JSON.stringify(modulePath)});
      process.stdout.write(developmentSecrets(process.argv[1], ['KILDE_INTERNAL_SECRET']).KILDE_INTERNAL_SECRET);
    `;
    const run = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const values = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(values).size).toBe(1);
  });
});
