import { describeApi } from '@/testing/api-suite/api-suite';
import type { StoreFactory } from '@/testing/harness';
import { describeSignInThrottling } from '@/testing/sign-in-suite';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

// The same API suite as the MemoryStore's (src/api/app.test.ts), over the SQL store in both of its homes.
describeApi('PGlite', makePgliteStore, 'server');
describeSignInThrottling('PGlite', makePgliteStore, 'server');

if (testDatabaseUrl()) {
  const postgres: StoreFactory = async (options) => {
    const made = await makePostgresStore(options);
    if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
    return made;
  };
  describeApi('PostgreSQL', postgres, 'server');
  describeSignInThrottling('PostgreSQL', postgres, 'server');
}
