import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '@/testing/harness';
import { makeHarness } from '@/testing/harness';
import { appLogger, createLogger } from './logger';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

/** Every line the logger wrote, as text. */
function memoryDestination() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

describe('the server log', () => {
  let t: TestStore;
  let h: Harness;
  const out = memoryDestination();

  beforeAll(async () => {
    const logger = createLogger(out.stream);
    h = await makeHarness(
      async (options) => {
        t = await makePgliteStore(options);
        return t;
      },
      'server',
      { log: appLogger(logger) },
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs a failed request by route and id, with neither the record’s email nor the body', async () => {
    // A real database refusal that quotes the row it refused, as PostgreSQL's messages and details do.
    await t.sql(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store %', NEW.doc::text USING DETAIL = 'row ' || NEW.doc::text, ERRCODE = 'P0001'; END $$`);
    await t.sql('CREATE TRIGGER refuse_event BEFORE INSERT ON consent_events FOR EACH ROW EXECUTE FUNCTION refuse_event()');
    const subject = h.seed.subjects.find((s) => s.kind === 'person' && s.email)!;
    const note = 'Called in, said to stop the newsletter at once';
    const res = await h.call('officer', 'POST', '/api/consent-events', {
      body: { subjectId: subject.id, purpose: 'marketing_emails', action: 'withdrawn', channel: 'call', note },
    });
    expect(res.status).toBe(500);
    await t.sql('DROP TRIGGER refuse_event ON consent_events');

    const logged = out.text();
    const line = logged.split('\n').find((l) => l.includes('Request failed'));
    expect(line, logged).toBeTruthy();
    const entry = JSON.parse(line!) as { route: string; method: string; err: { type: string; code: string } };
    expect(entry).toMatchObject({ route: '/api/consent-events', method: 'POST', err: { code: 'P0001' } });
    expect(logged).not.toContain(subject.email!);
    expect(logged.toLowerCase()).not.toContain(subject.email!.toLowerCase());
    expect(logged).not.toContain(note);
    expect(logged).not.toContain('cannot store');
  });

  it('redacts personal keys even when a caller passes them', () => {
    const extra = memoryDestination();
    appLogger(createLogger(extra.stream)).error(
      { email: 'ada@example.com', record: { name: 'Ada', note: 'hello there' }, err: { detail: 'Key (email)=(ada@example.com)' } },
      'x',
    );
    expect(extra.text()).not.toMatch(/ada@example\.com|hello there|"Ada"/);
  });
});
