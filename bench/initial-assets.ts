import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type AssetSize = { files: number; raw: number; gzip: number };

/**
 * What a first visit loads before anything else: the scripts and stylesheets that the built index.html
 * names (its entry and the chunks it preloads), raw and gzipped at level 9.
 */
export function initialAssets(dir: string): Record<'js' | 'css', AssetSize> {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const size = (kind: 'js' | 'css'): AssetSize => {
    const files = [...new Set(assets.filter((a) => a.endsWith(`.${kind}`)))];
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { files: files.length, raw, gzip };
  };
  return { js: size('js'), css: size('css') };
}
