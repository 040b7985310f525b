import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The built entry point, as `npm start` runs it.
const main = join(__dirname, '..', '..', 'dist', 'main.js');

describe('API configuration', () => {
  it.each([
    ['API_PORT', 'forty'],
    ['DATABASE_URL', 'mysql://nope'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses to start when %s is invalid, naming the variable', (name, value) => {
    const run = spawnSync(process.execPath, [main], { env: { ...process.env, [name]: value }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(name);
    expect(run.stdout).toBe('');
  });
});
