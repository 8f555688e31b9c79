import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Running } from './servers';

/** The floor: a static HTML page with a 50-row table and no script, as fast as a page can be. */
function floorPage(): string {
  const rows = Array.from(
    { length: 50 },
    (_, i) => `<tr><td>Processor ${i + 1}</td><td>processor-${i + 1}@example.test</td><td>Active</td><td>2026-0${(i % 9) + 1}-15</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><main id="main"><h1>Processors</h1><table><thead><tr><th>Name</th><th>Contact</th><th>Status</th><th>Review</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
}

/** A plain static server for the floor page, gzip when the browser accepts it, in the same run as the rest. */
export async function startFloor(port: number): Promise<Running> {
  const html = Buffer.from(floorPage());
  const gzipped = gzipSync(html, { level: 9 });
  const server = createServer((req, res) => {
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipped : html);
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  return { url: `http://localhost:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
