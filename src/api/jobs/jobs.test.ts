import { describeJobs } from '@/testing/jobs-suite';
import { memoryStore } from '@/testing/harness';

describeJobs('MemoryStore', memoryStore);
