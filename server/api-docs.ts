import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

/**
 * `/api/docs`: the OpenAPI document (`/api/openapi.json`) in Swagger UI, served from `swagger-ui-dist` in
 * node_modules by this server, so the page loads only same-origin files under the server's CSP (no inline
 * script, no CDN). Swagger UI is loaded on this page alone; the console never ships it.
 */
const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('swagger-ui-dist/package.json'));

export const API_DOCS_PATH = '/api/docs';

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Privacy Console API</title>
    <link rel="stylesheet" href="${API_DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <main id="api-docs"></main>
    <script src="${API_DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${API_DOCS_PATH}/start.js"></script>
  </body>
</html>
`;

// No validator badge (it would load an image from validator.swagger.io) and no "try it out" by default.
const start = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api-docs', deepLinking: true, validatorUrl: null });
});
`;

const assets: Record<string, { type: string; body: () => string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(dist, 'swagger-ui.css'), 'utf8') },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    // The source map comment would make browsers' tools ask for a file this server does not serve.
    body: () => readFileSync(join(dist, 'swagger-ui-bundle.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
  },
  'start.js': { type: 'text/javascript; charset=utf-8', body: () => start },
};

/** Adds the viewer's page and its three files to the server's app (before the API takes `/api/*`). */
export function addApiDocs(app: Hono): void {
  const cache = new Map<string, string>();
  app.get(API_DOCS_PATH, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(page);
  });
  app.get(`${API_DOCS_PATH}/:file`, async (c, next) => {
    const name = c.req.param('file');
    const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
    if (!asset) return next();
    let body = cache.get(name);
    if (body === undefined) {
      body = asset.body();
      cache.set(name, body);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'no-cache');
    return c.body(body);
  });
}
