import { describeMail } from '@/testing/mail-suite';
import { memoryStore } from '@/testing/harness';

describeMail('MemoryStore', memoryStore);
