/**
 * `npm run verify-audit`: checks the hash chains of the audit trail and the consent ledger (src/api/store/chain)
 * in the database the server uses (DATABASE_URL, or the embedded one in DATA_DIR, with the server stopped),
 * names the first altered event of each and exits 1 when a chain does not hold. Uses the server's credentials
 * key (CREDENTIALS_KEY or DATA_DIR/credentials.key) for the consent events' email seals.
 */
import { pathToFileURL } from 'node:url';
import type { ChainVerification } from '@/api/contract/ledger-chain';
import { chainLabels } from '@/api/contract/ledger-chain';
import { verifyChains } from '@/api/services/ledger-chain';
import { readConfig, resolveCredentialsKey } from './config';
import type { Db } from './db';
import { openDb } from './db';
import { SqlStore } from './sql-store/sql-store';

/** The report as lines for a terminal. */
export function describeVerification(result: ChainVerification): string[] {
  const lines: string[] = [];
  for (const c of result.chains) {
    const label = chainLabels[c.chain];
    const anchor = c.lastAnchor
      ? `; last anchor ${c.lastAnchor.anchoredAt} at event ${c.lastAnchor.seq}: ${c.lastAnchor.hash}`
      : '; no anchor yet';
    if (c.firstBroken === null) {
      lines.push(
        `${label}: intact, ${c.checked} events checked, head ${c.head.seq} ${c.head.hash}${c.redacted ? `, ${c.redacted} redacted` : ''}${anchor}`,
      );
    } else {
      const at = c.firstBroken.seq === null ? '' : ` at link ${c.firstBroken.seq}`;
      lines.push(
        `${label}: BROKEN${at}: event ${c.firstBroken.eventId || '(none)'} ${c.firstBroken.problem}: ${c.firstBroken.detail} (${c.checked} events held before it)`,
      );
    }
  }
  return lines;
}

/** Checks the chains of `db` under `chainKey`; answers the exit code and the report. */
export async function verifyAudit(db: Db, chainKey: string, now = new Date()): Promise<{ code: number; lines: string[] }> {
  const store = new SqlStore(db, { ownsDb: false, chainKey });
  const result = await verifyChains(store, now);
  return { code: result.chains.every((c) => c.intact) ? 0 : 1, lines: describeVerification(result) };
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const key = resolveCredentialsKey(config, () => undefined);
  const db = await openDb(config);
  try {
    const { code, lines } = await verifyAudit(db, key);
    for (const line of lines) console.log(line);
    process.exitCode = code;
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`verify-audit: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
