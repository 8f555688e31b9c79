import { describeApi } from '@/testing/api-suite/api-suite';
import type { StoreFactory } from '@/testing/harness';
import { describeSignInThrottling } from '@/testing/sign-in-suite';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

// The API suite over the SQL store on the PostgreSQL server named by TEST_DATABASE_URL (CI sets it when a
// server answers), in a database of its own; and sign-in throttling on both homes. PGlite's API suite is
// its own file (api-suite.pglite.test.ts), so that the two long runs go side by side.
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
