// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { draftClosed, draftOpened, dropDraft, keepDraftsForSignIn, readDraft, writeDraft } from './form-drafts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => sessionStorage.clear());

describe('form drafts', () => {
  it('keeps what was typed, never a password or credentials', () => {
    writeDraft('/x|a', { name: 'Acme', password: 'hunter22', credentials: { key: 'k' }, rows: [{ apiSecret: 's', note: 'n' }] });
    expect(readDraft('/x|a')).toEqual({ name: 'Acme', rows: [{ note: 'n' }] });
    expect(JSON.stringify(sessionStorage)).not.toMatch(/hunter22|"k"|"s"/);
    dropDraft('/x|a');
    expect(readDraft('/x|a')).toBeNull();
  });

  it('drops the draft when the form closes (cancelled, left), keeps it when the session ended', async () => {
    draftOpened('/a');
    writeDraft('/a', { name: 'typed' });
    draftClosed('/a');
    await tick();
    expect(readDraft('/a')).toBeNull();

    draftOpened('/b');
    writeDraft('/b', { name: 'typed' });
    keepDraftsForSignIn();
    draftClosed('/b');
    await tick();
    expect(readDraft('/b')).toEqual({ name: 'typed' });
    // Back after signing in: the form opens with it, and closing it for good drops it again.
    draftOpened('/b');
    draftClosed('/b');
    await tick();
    expect(readDraft('/b')).toBeNull();
  });

  it('keeps the draft of a form that React mounts again at once', async () => {
    draftOpened('/c');
    writeDraft('/c', { name: 'typed' });
    draftClosed('/c');
    draftOpened('/c');
    await tick();
    expect(readDraft('/c')).toEqual({ name: 'typed' });
  });

  it('ignores what is not a draft', () => {
    sessionStorage.setItem('privacy-console.draft:/d', 'not json');
    expect(readDraft('/d')).toBeNull();
  });
});
