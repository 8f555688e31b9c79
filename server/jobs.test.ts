import { describeJobs } from '@/testing/jobs-suite';
import type { StoreFactory } from '@/testing/harness';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

describeJobs('PGlite', makePgliteStore);

if (testDatabaseUrl()) {
  const postgres: StoreFactory = async (options) => {
    const made = await makePostgresStore(options);
    if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
    return made;
  };
  describeJobs('PostgreSQL', postgres);
}
