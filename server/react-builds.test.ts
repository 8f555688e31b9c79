import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * In a fresh Node process with NODE_ENV as given (undefined: unset), loads server/react-builds.ts and then the
 * code that draws pages (server/page-routes.ts), as server/main.ts does, and answers the React files that ran.
 */
async function buildsLoaded(nodeEnv: string | undefined): Promise<{ startedWith: string | null; ran: string[] }> {
  const script = `
    import { createRequire } from 'node:module';
    const { startedWith } = await import('./server/react-builds.ts');
    await import('./server/browser-globals.ts');
    await import('./server/page-routes.ts');
    const cache = createRequire(import.meta.url).cache;
    const ran = Object.keys(cache).filter((k) => cache[k].loaded && /node_modules\\/react(-dom)?\\/cjs\\//.test(k));
    console.log(JSON.stringify({ startedWith: startedWith ?? null, ran: ran.map((k) => k.replace(/.*node_modules\\//, '')) }));
  `;
  const { NODE_ENV: _mode, ...rest } = process.env;
  const env = nodeEnv === undefined ? rest : { ...rest, NODE_ENV: nodeEnv };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { startedWith: string | null; ran: string[] };
}

describe('the React builds the server draws pages with', () => {
  it.each([undefined, 'development', 'production'])(
    'are the production ones when NODE_ENV is %s, and the mode it started in is kept',
    async (mode) => {
      const { startedWith, ran } = await buildsLoaded(mode);
      expect(startedWith).toBe(mode ?? null);
      expect(ran).toContain('react/cjs/react.production.js');
      expect(ran).toContain('react-dom/cjs/react-dom-server.node.production.js');
      expect(ran.filter((file) => file.includes('development'))).toEqual([]);
    },
  );

  it('are left to the tests under Vitest (NODE_ENV=test), which keep the development checks', async () => {
    const { ran } = await buildsLoaded('test');
    expect(ran).toContain('react/cjs/react.development.js');
    expect(ran.filter((file) => file.includes('production'))).toEqual([]);
  });
});
