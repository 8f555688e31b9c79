import type { ConnectionContext, Connector } from '@/api/connectors/connector';
import { connectorFor } from '@/api/connectors/registry';
import type { ConnectorTestResult, ConnectorVendor, ProcessorConnector, SetConnector } from '@/api/contract/connectors';
import { connectorCatalogue } from '@/api/contract/connectors';
import type { Processor, ProcessorView } from '@/api/contract/processors';
import type { AppDeps } from '@/api/deps';
import { ApiError } from '@/api/errors';
import { processorActionBlocker, processorActions, toProcessorView } from '@/api/rules/processors';
import { localDate } from '@/api/rules/time';
import type { ConnectorCredentialsRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, checkVersion, diff, enforce, notFound } from './context';
import { decryptSecret, encryptSecret } from './crypto';

/**
 * A processor's connector (issue 15): its settings on the processor, its credentials encrypted in a record
 * of their own, and what a deletion job needs to run it. The credentials are decrypted only to call the
 * vendor, never answered, exported or audited.
 */

/** Binds a sealed value to its processor and vendor: moved to another row, or read as another vendor's, it fails. */
const aad = (processorId: string, vendor: ConnectorVendor) => `connector:${processorId}:${vendor}`;

export async function sealConnectorCredentials(
  credentialsKey: string,
  processorId: string,
  vendor: ConnectorVendor,
  credentials: Readonly<Record<string, string>>,
  at: string,
): Promise<ConnectorCredentialsRecord> {
  const sealed = await encryptSecret(credentialsKey, JSON.stringify(credentials), aad(processorId, vendor));
  return { processorId, vendor, sealed, updatedAt: at };
}

async function unseal(credentialsKey: string, record: ConnectorCredentialsRecord): Promise<Record<string, string> | null> {
  try {
    const parsed: unknown = JSON.parse(await decryptSecret(credentialsKey, record.sealed, aad(record.processorId, record.vendor)));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const entries = Object.entries(parsed);
    return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) : null;
  } catch {
    return null;
  }
}

/** Everything needed to run a processor's connector: the connector, and where and how to call its vendor. */
export type ConnectorRuntime = {
  processorId: string;
  vendor: ConnectorVendor;
  connector: Connector;
  /** fetch, baseUrl, decrypted credentials, settings and the app's clock: spread into the ConnectorContext. */
  connection: ConnectionContext;
};

/**
 * The runtime of a processor's connector, read in `tx`, or why there is none (no connector, no credentials,
 * credentials this server's key cannot open). A deletion task's job calls it in its transaction and adds the
 * attempt's `attempt`, `alreadyDeleted` and `recordDeleted` to `connection` to make the ConnectorContext.
 */
export async function connectorRuntime(
  tx: Tx,
  deps: Pick<AppDeps, 'credentialsKey' | 'connectorFetch' | 'now'>,
  processorId: string,
): Promise<{ runtime: ConnectorRuntime } | { unavailable: string }> {
  const processor = await tx.processors.get(processorId);
  if (!processor) return { unavailable: 'The processor is not in the registry' };
  const setting = processor.connector;
  if (!setting) return { unavailable: `${processor.name} has no connector configured` };
  const stored = await tx.connectorCredentials.get(processorId);
  if (!setting.credentialsSet || !stored || stored.vendor !== setting.vendor) {
    return { unavailable: `The ${processor.name} connector has no credentials; an officer sets them on the processor's page` };
  }
  const credentials = await unseal(deps.credentialsKey, stored);
  if (!credentials) {
    return { unavailable: `The ${processor.name} connector's credentials cannot be decrypted with this server's key; set them again` };
  }
  const connector = connectorFor(setting.vendor);
  const fetchFn = deps.connectorFetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return {
    runtime: {
      processorId,
      vendor: setting.vendor,
      connector,
      connection: {
        fetch: fetchFn,
        baseUrl: setting.baseUrl ?? connector.productionBaseUrl(credentials, setting.settings),
        credentials,
        settings: setting.settings,
        now: deps.now ?? (() => new Date()),
      },
    },
  };
}

function view(ctx: Ctx, actor: Actor, p: Processor): ProcessorView {
  return { ...toProcessorView(p, localDate(ctx.now, ctx.timeZone)), actions: processorActions(p, actor.user, ctx.now, ctx.timeZone) };
}

const vendorName = (vendor: ConnectorVendor) => connectorCatalogue[vendor].label;

/**
 * Configures the processor's connector. New credentials are encrypted into their own record; without them
 * the stored ones stay if they are this vendor's, and go if another vendor's. Audited without a secret.
 */
export async function setProcessorConnector(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: SetConnector,
): Promise<ProcessorView> {
  const next = await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.processors.get(id);
    if (!current) throw notFound('Processor');
    checkVersion(version, current.version);
    enforce(processorActionBlocker(current, 'configureConnector', ctx.now, ctx.timeZone));
    const now = ctx.now.toISOString();
    const stored = await tx.connectorCredentials.get(id);
    let credentialsSet: boolean;
    let credentialsNote: string;
    if (body.credentials) {
      await tx.connectorCredentials.put(await sealConnectorCredentials(ctx.deps.credentialsKey, id, body.vendor, body.credentials, now));
      credentialsSet = true;
      credentialsNote = stored ? 'credentials replaced (stored encrypted)' : 'credentials stored encrypted';
    } else if (stored && stored.vendor === body.vendor) {
      credentialsSet = true;
      credentialsNote = 'stored credentials kept';
    } else {
      if (stored) await tx.connectorCredentials.delete(id);
      credentialsSet = false;
      credentialsNote = stored ? `the ${vendorName(stored.vendor)} credentials destroyed; none set yet` : 'no credentials set yet';
    }
    const connector: ProcessorConnector = {
      vendor: body.vendor,
      baseUrl: body.baseUrl,
      settings: body.settings,
      credentialsSet,
      configuredAt: now,
      configuredBy: { id: actor.user.id, name: actor.user.name },
    };
    const updated: Processor = { ...current, connector, version: current.version + 1, updatedAt: now };
    await tx.processors.update(updated, current.version);
    await audit(tx, ctx, actor, {
      action: 'processor.connector_set',
      recordType: 'processor',
      recordId: id,
      summary: `Configured the ${vendorName(body.vendor)} connector of ${current.name}: ${credentialsNote}`,
      changes: diff(current, updated, ['connector']),
    });
    return updated;
  });
  return view(ctx, actor, next);
}

/** Removes the processor's connector and destroys its credentials. Audited. */
export async function clearProcessorConnector(ctx: Ctx, actor: Actor, id: string, version: number): Promise<ProcessorView> {
  const next = await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.processors.get(id);
    if (!current) throw notFound('Processor');
    checkVersion(version, current.version);
    enforce(processorActionBlocker(current, 'clearConnector', ctx.now, ctx.timeZone));
    const destroyed = await tx.connectorCredentials.delete(id);
    const updated: Processor = { ...current, connector: null, version: current.version + 1, updatedAt: ctx.now.toISOString() };
    await tx.processors.update(updated, current.version);
    await audit(tx, ctx, actor, {
      action: 'processor.connector_clear',
      recordType: 'processor',
      recordId: id,
      summary: `Removed the ${current.connector ? vendorName(current.connector.vendor) : ''} connector of ${current.name}${destroyed ? ' and destroyed its credentials' : ''}`,
      changes: diff(current, updated, ['connector']),
    });
    return updated;
  });
  return view(ctx, actor, next);
}

/**
 * "Test connection": one harmless authenticated read at the vendor with the stored credentials, outside
 * any transaction (a vendor's slowness holds no lock). The answer and its audit event say whether the vendor
 * accepted them, or what it answered.
 */
export async function testProcessorConnector(ctx: Ctx, actor: Actor, id: string): Promise<ConnectorTestResult> {
  const { processor, found } = await ctx.deps.store.transaction(async (tx) => {
    const p = await tx.processors.get(id);
    if (!p) throw notFound('Processor');
    enforce(processorActionBlocker(p, 'testConnector', ctx.now, ctx.timeZone));
    return { processor: p, found: await connectorRuntime(tx, ctx.deps, id) };
  });
  if ('unavailable' in found) throw new ApiError('conflict', found.unavailable);
  const { connector, connection, vendor } = found.runtime;
  const check = await connector.check(connection);
  await ctx.deps.store.transaction((tx) =>
    audit(tx, ctx, actor, {
      action: 'processor.connector_test',
      recordType: 'processor',
      recordId: id,
      summary: `Tested the ${vendorName(vendor)} connector of ${processor.name}: ${check.ok ? 'the vendor accepted the credentials' : check.message}`,
    }),
  );
  return { ok: check.ok, status: check.status, message: check.message, testedAt: ctx.now.toISOString(), calls: check.calls };
}
