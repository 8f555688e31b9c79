import { buildApi } from './demo-api';
import type { DemoPersistence } from './persistence';
import { memoryPersistence } from './persistence';
import { memorySeedCache } from './seed-cache';
import { demoPassword } from './seed-data';

beforeEach(() => {
  // A small seed: the same generator and path, quicker.
  vi.stubEnv('VITE_DEMO_CONSENT_EVENTS', '1500');
});

afterEach(() => vi.unstubAllEnvs());

describe('the demo keeps what it answered', () => {
  it('says its changes are saved only once the browser storage has them', async () => {
    const kept = memoryPersistence();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    // Storage that holds every write until the test lets it through, as a slow IndexedDB would.
    const slow: DemoPersistence = {
      ...kept,
      append: async (entries) => {
        if (held) await gate;
        await kept.append(entries);
      },
    };
    const api = await buildApi(slow, memorySeedCache(), false, { offsetMs: 0, onAdvance: () => undefined });
    try {
      await api.saved();
      held = true;
      const signIn = await api.app.fetch(
        new Request('http://demo.test/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'officer@demo.test', password: demoPassword }),
        }),
      );
      expect(signIn.status).toBe(201);
      let settled = false;
      const saving = api.saved().then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      release();
      await saving;
      expect(settled).toBe(true);
      // The new session is among the saved changes a reload replays.
      const { changes } = await kept.load();
      expect(changes.some((c) => (c as { table: string }).table === 'sessions')).toBe(true);
    } finally {
      api.stop();
    }
  }, 60_000);
});
