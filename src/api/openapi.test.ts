import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/api/contract/endpoints';
import { rolesWith } from '@/api/rules/permissions';
import { makeHarness, memoryStore } from '@/testing/harness';
import { openApiDocument } from './openapi';

type Op = {
  operationId: string;
  'x-permission': string;
  'x-roles'?: string[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};
type Doc = { openapi: string; paths: Record<string, Record<string, Op>> };

describe('the OpenAPI document', () => {
  let h: Awaited<ReturnType<typeof makeHarness>>;
  let doc: Doc;
  beforeAll(async () => {
    h = await makeHarness(memoryStore);
    const res = await h.call('nobody', 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.json as Doc;
  });
  afterAll(() => h.close());

  it('is served without a session and is the generated one', () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes both ways in: the session cookie and a machine client s bearer token', () => {
    const d = doc as unknown as { components: { securitySchemes: Record<string, Record<string, unknown>> }; security: unknown[] };
    expect(d.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(d.security).toEqual([{ session: [] }, { apiToken: [] }]);
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has every endpoint of the table, with its permission, roles, parameters and refusals', () => {
    const operations = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod));
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(endpoints).sort());
    for (const [name, entry] of Object.entries(endpoints)) {
      const e = entry as {
        method: string;
        path: string;
        permission: string;
        status: number;
        query?: unknown;
        body?: unknown;
        ifMatch?: boolean;
      };
      const op = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method.toLowerCase()];
      expect(op, name).toBeDefined();
      if (!op) continue;
      expect(op['x-permission'], name).toBe(e.permission);
      if (e.permission !== 'public' && e.permission !== 'signed_in') {
        expect(op['x-roles'], name).toEqual([...rolesWith(e.permission as Parameters<typeof rolesWith>[0])]);
        expect(op.responses['403'], name).toBeDefined();
      }
      expect(Boolean(op.responses['401']), name).toBe(e.permission !== 'public');
      expect(op.security, name).toEqual(e.permission === 'public' ? [] : undefined);
      expect(op.responses[String(e.status)], name).toBeDefined();
      for (const [, param] of e.path.matchAll(/:(\w+)/g)) {
        expect(op.parameters?.find((p) => p.in === 'path' && p.name === param)?.required, `${name} ${param}`).toBe(true);
      }
      expect(Boolean(op.requestBody), name).toBe(Boolean(e.body));
      expect(Boolean(op.responses['422']), name).toBe(Boolean(e.body || e.query));
      expect(Boolean(op.responses['412']), name).toBe(Boolean(e.ifMatch));
      expect(Boolean(op.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match')), name).toBe(Boolean(e.ifMatch));
    }
  });

  it('describes a list’s query parameters and a record’s shape from the contract', () => {
    const list = doc.paths['/api/processors']?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'status', 'purpose']));
    const created = doc.paths['/api/processors']?.post;
    const schema = JSON.stringify(created?.requestBody);
    expect(schema).toContain('"name"');
  });
});
