import type { Account, Subject } from '@/api/contract/accounts';
import type { Role } from '@/api/contract/common';
import type { ConsentEvent, Notice } from '@/api/contract/consent';
import type { Breach } from '@/api/contract/breaches';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { SupportAccessRecord } from '@/api/store/schemas';
import type { SeedConnectorSecret } from './seed-processors';

export type SeedUser = { id: string; email: string; name: string; role: Role; password: string };

/** Everything the demo seed produces; loaded the same way into the MemoryStore and the SqlStore. */
export type SeedData = {
  /** The instant the data was generated around: deadlines are spread relative to it. */
  anchor: string;
  users: SeedUser[];
  accounts: Account[];
  subjects: Subject[];
  processors: Processor[];
  /** The connected processors' credentials in clear (published sandbox ones): encrypted when loaded. */
  connectorSecrets: SeedConnectorSecret[];
  notices: Notice[];
  consentEvents: ConsentEvent[];
  supportAccess: SupportAccessRecord[];
  deletions: DeletionRequest[];
  /** The breach register (issue 19). */
  breaches: Breach[];
};

export type SeedOptions = {
  /** Deterministic: the same options give the same data. */
  seed?: number;
  accounts?: number;
  consentEvents?: number;
  supportAccessRequests?: number;
  deletionRequests?: number;
  /** Deadlines are spread around this instant (some overdue, some due within a week). */
  now: Date;
};

export const demoPassword = 'demo-password';
