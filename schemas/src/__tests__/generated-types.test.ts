import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The generator runs in its own process: prettier (used to format the output) needs dynamic
// import(), which Jest's module sandbox does not provide.
describe('generated TypeScript types', () => {
  it('match the JSON Schemas (run `npm run generate -w schemas` when this fails)', () => {
    const script = join(__dirname, '..', '..', 'scripts', 'generate-types.js');
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 30_000);
});
