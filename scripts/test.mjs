// `npm run test:overlap`: what `npm test` runs, with the browser tests beside the static checks and the unit
// suite rather than after them. An experiment, not yet measured on a quiet machine: README records that Vitest
// beside the browser tests at the same priority made the whole run longer. Here the checks and then the unit
// suite run at a lower priority (nice), so they take only the CPU the browser tests leave: each side's server
// project runs its data-changing specs one at a time and mostly waits on its page. On a machine shared with
// other work, a niced unit suite also yields to that work and its timeouts may run out.
// Each part's lines are prefixed with its name; the run fails when any part fails, after all have ended.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

/** How much lower the checks and the unit suite run (0 to 19); NPM_TEST_NICE=0 runs them as the browser tests. */
const NICE = Number(process.env.NPM_TEST_NICE ?? 5);

function run(name, command, args, { nice = 0 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Set before the child starts its own processes (npm, tsc, the test workers), which inherit it.
    if (nice > 0 && child.pid !== undefined) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not allowed here: it runs at the same priority, only slower to leave the browser tests room.
      }
    }
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => rest && process.stdout.write(`[${name}] ${rest}\n`));
    }
    child.on('close', (code) => {
      process.stdout.write(`[${name}] finished in ${Math.round((Date.now() - started) / 1000)} s, exit code ${code}\n`);
      resolve(code ?? 1);
    });
  });
}

async function checksThenUnit() {
  const checks = await run('checks', process.execPath, ['scripts/checks.mjs', 'typecheck', 'lint', 'format:check', 'knip'], {
    nice: NICE,
  });
  const unit = await run('unit', 'npm', ['run', '--silent', 'test:unit'], { nice: NICE });
  return [checks, unit];
}

const started = Date.now();
const codes = (await Promise.all([run('e2e', process.execPath, ['scripts/e2e.mjs']), checksThenUnit()])).flat();
process.stdout.write(
  `npm test: finished in ${Math.round((Date.now() - started) / 1000)} s, ${codes.every((c) => c === 0) ? 'passed' : 'FAILED'}\n`,
);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
