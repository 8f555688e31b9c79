import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditActionLabels, auditActions, auditAreaLabels, auditAreaOf, isAuditAction } from '@/api/contract/audit-actions';
import { webhookEvents } from '@/api/contract/webhooks';
import { jobDefinitions } from '@/api/jobs/registry';
import { permissionNames } from '@/api/rules/permissions';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The code that can write audit events: services, jobs, stores, the demo's start-up and the server (tests aside). */
function sources(path: string): string[] {
  if (/\.tsx?$/.test(path)) return [join(root, path)];
  return readdirSync(join(root, path), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}
const files = ['src/api/services', 'src/api/jobs', 'src/api/store', 'src/api/app.ts', 'src/demo', 'server'].flatMap(sources);

// Dotted names that are not audit actions: permissions, webhook events, queues, file names, SQL columns.
const otherNames = new Set<string>([...permissionNames, ...webhookEvents, ...jobDefinitions.map((job) => job.name)]);
const notAnAction = (name: string) =>
  otherNames.has(name) || /^[a-z]\./.test(name) || /\.(html|json|svg|tsx?|js|key|lock|com|example|erasing)$/.test(name);

describe('the audit-action catalogue', () => {
  it('labels every action the code writes', () => {
    const unlabelled: string[] = [];
    for (const file of files) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/['"]([a-z_]+\.[a-z_]+)['"]/g)) {
        if (name && !isAuditAction(name) && !notAnAction(name)) unlabelled.push(`${relative(root, file)}: ${name}`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('finds no action of an area put together from pieces, which it could not check', () => {
    const built: string[] = [];
    for (const file of files) {
      for (const [found, area] of readFileSync(file, 'utf8').matchAll(/`([a-z_]+)\.\$\{/g)) {
        if (area && Object.hasOwn(auditAreaLabels, area)) built.push(`${relative(root, file)}: ${found}`);
      }
    }
    expect(built).toEqual([]);
  });

  it('gives each action a label of its own and an area with a name', () => {
    const labels = Object.values(auditActionLabels);
    expect(new Set(labels).size).toBe(labels.length);
    for (const action of auditActions) expect(auditAreaLabels[auditAreaOf(action)], action).toBeDefined();
  });
});
