// `npm run test:e2e`: the demo and the server projects in two Playwright processes at once (each with its own
// web server and its own results folder), so the browser tests take as long as the slower side, not the sum.
// With E2E_TARGET set, or with arguments (specs, flags), it runs one plain `playwright test` instead.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);

function run(target) {
  const env = target ? { ...process.env, E2E_TARGET: target } : process.env;
  const extra = target ? ['--output', `test-results/${target}`] : [];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['playwright', 'test', ...extra, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = target ? `[${target}] ` : '';
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
      });
      stream.on('end', () => rest && process.stdout.write(`${prefix}${rest}\n`));
    }
    child.on('close', (code) => {
      // With its web server's start (the build, the seed).
      process.stdout.write(`${prefix}finished in ${Math.round((Date.now() - started) / 1000)} s, exit code ${code}\n`);
      resolve(code ?? 1);
    });
  });
}

const codes = process.env.E2E_TARGET || args.length > 0 ? [await run(null)] : await Promise.all([run('demo'), run('server')]);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
