// Runs npm scripts at once, two at a time on a 2-core machine (one per core, at least two), and fails when
// any fails. `npm test` uses it twice:
// - the static checks (types, format, lint, unused code): each is mostly one process on one core, so two at a
//   time take about half as long as one after another. Each check's output is printed whole when it ends.
// - `--live test:e2e --nice test:unit`: the browser tests and Vitest side by side. The browser tests mostly
//   wait (on the page, the server, the clock), using about a third of two cores, and Vitest fills the rest;
//   `--nice` lowers the priority of the script after it, so the browser tests' waits with a deadline are served
//   first. With `--live` every line is printed as it comes, after `[script] `.
import { spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';

/** How much `--nice` lowers a script's priority (0 normal, 19 lowest); its child processes inherit it. */
const NICE = 5;

const scripts = [];
const nice = new Set();
let live = false;
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--live') live = true;
  else if (arg === '--nice' && process.argv[i + 1]) {
    nice.add(process.argv[++i]);
    scripts.push(process.argv[i]);
  } else scripts.push(arg);
}
const parallel = Math.max(2, availableParallelism());

function prefixLines(stream, prefix) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => rest && process.stdout.write(`${prefix}${rest}\n`));
}

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (nice.has(script)) {
      try {
        setPriority(child.pid ?? 0, NICE);
      } catch {
        // Not allowed here: it runs at the normal priority.
      }
    }
    let output = '';
    if (live) {
      prefixLines(child.stdout, `[${script}] `);
      prefixLines(child.stderr, `[${script}] `);
    } else {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n${output}`);
      resolve(code ?? 1);
    });
  });
}

const queue = [...scripts];
const codes = [];
await Promise.all(
  Array.from({ length: Math.min(parallel, queue.length) }, async () => {
    for (let script = queue.shift(); script; script = queue.shift()) codes.push(await run(script));
  }),
);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
