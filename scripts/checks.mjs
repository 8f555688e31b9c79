// `npm test`'s static checks (types, format, lint, unused code) at once: each is mostly one process on one
// core, so on a 2-core machine two at a time take about half as long as one after another. Each check's
// output is printed whole when it ends, under its name, and the run fails when any check fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const scripts = process.argv.slice(2);
const parallel = Math.max(2, availableParallelism());

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
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
