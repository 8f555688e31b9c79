import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameFoldSql } from '@/api/rules/person-search';

describe('migration 014 and the person-search rule', () => {
  it("is the expression migration 014's generated column computes (so both stores fold alike)", () => {
    const migration = readFileSync(new URL('./migrations/014_person_search_and_dpa_documents.sql', import.meta.url), 'utf8');
    expect(migration).toContain(`GENERATED ALWAYS AS (${nameFoldSql('name')}) STORED`);
    // translate() maps character i of the first list to character i of the second.
    const [, from = '', to = ''] = /translate\(name, '([^']*)', '([^']*)'\)/.exec(nameFoldSql('name')) ?? [];
    expect([...from]).toHaveLength([...to].length);
  });
});
