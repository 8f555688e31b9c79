import { describeApi } from '@/testing/api-suite/api-suite';
import { makePgliteStore } from './test-support';

// The same API suite as the MemoryStore's (src/api/app.test.ts), over the SQL store on embedded PGlite. The
// PostgreSQL server's run is its own file (api-suite.postgres.test.ts), so that the two run side by side.
describeApi('PGlite', makePgliteStore, 'server');
