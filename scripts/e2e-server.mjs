// Starts `npm start`'s server for the e2e run on a fresh embedded database in a temporary folder,
// so every run begins from the demo seed, and removes the folder when it stops.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'privacy-console-e2e-'));
const port = process.env.E2E_SERVER_PORT ?? '8091';
const child = spawn(process.execPath, ['scripts/start.mjs'], {
  stdio: 'inherit',
  // The run reuses the sessions its setup signed in for as long as it takes, so the idle timeout is the
  // longest allowed; the API suite tests the 30-minute default itself.
  // PUBLIC_URL: the single sign-on's callback address, the one the browser and the test provider know.
  env: {
    ...process.env,
    PORT: port,
    PUBLIC_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    TEST_CLOCK: '1',
    SESSION_IDLE_MINUTES: '1440',
  },
});
const stop = (signal) => child.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  // The generated key is kept beside the data directory, not in it.
  rmSync(`${dataDir}-credentials.key`, { force: true });
  process.exit(code ?? 0);
});
