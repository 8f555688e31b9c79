import { publicSigningKey } from '@/api/services/certificate-signing';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { ErrorBody } from './contract/common';
import { connectorVendor } from './contract/connectors';
import { EXPORT_REASON_HEADER } from './contract/email-exports';
import { id as idSchema } from './contract/common';
import type { Health } from './contract/endpoints';
import { endpoints } from './contract/endpoints';
import type { DemoUser } from './contract/users';
import type { AppDeps, AppLogger } from './deps';
import { ApiError } from './errors';
import { accountHandlers } from './handlers/accounts';
import { apiTokenHandlers } from './handlers/api-tokens';
import { webhookHandlers } from './handlers/webhooks';
import { mailPreferenceHandlers } from './handlers/mail-preferences';
import { breachHandlers } from './handlers/breaches';
import { consentHandlers } from './handlers/consent';
import { deletionHandlers } from './handlers/deletions';
import type { HandledEndpoint, Handlers, Input } from './handlers/handler';
import { overviewHandlers } from './handlers/overview';
import { processorHandlers } from './handlers/processors';
import { supportAccessHandlers } from './handlers/support-access';
import { userHandlers } from './handlers/users';
import { parseBody, parseIfMatch, parseQuery, withHeaderReason } from './http/parse';
import { errorSummary } from './log/error-summary';
import { runSweeps } from './jobs/registry';
import { tokenRefusal } from './rules/api-tokens';
import { permissionRefusal, permissionsOf } from './rules/permissions';
import { API_TOKEN_PREFIX, apiTokenActor } from './services/api-tokens';
import type { Actor, Ctx, FileResult } from './services/context';
import { makeCtx } from './services/context';
import { uploadDpaDocument } from './services/dpa-documents';
import { DPA_DOCUMENT_MAX_BYTES } from './contract/processors';
import { contentDisposition, readFile } from './http/files';
import { openApiDocument } from './openapi';
import type { Visitor } from './services/support-access';
import { publicAccessPage, publicConsent, publicDecline, publicWithdraw } from './services/support-access';
import { confirmMfaEnrolment, ownMfaStatus, startMfaEnrolment, turnOffOwnMfa } from './services/mfa';
import { mountSso, SSO_START } from './sso-routes';
import { authenticate, dummyHash, endSession, listSessions, SESSION_HOURS, signIn, signOut, signOutEverywhere } from './services/session';
import type { SessionRecord } from './store/schemas';

export const SESSION_COOKIE = 'pc_session';
const DEFAULT_BODY_LIMIT = 64 * 1024;
const sessionIdParam = z.object({ id: idSchema });

type E = typeof endpoints;

/** The demo's and the tests' logger when none is given: the console, with the same structured fields. */
const consoleLogger: AppLogger = {
  error: (fields, message) => console.error(message, fields),
  warn: (fields, message) => console.warn(message, fields),
  info: (fields, message) => console.info(message, fields),
};

/** One handler per endpoint of the contract's table, grouped by area: the compiler refuses a missing one. */
const handlers: Handlers = {
  ...processorHandlers,
  ...consentHandlers,
  ...supportAccessHandlers,
  ...deletionHandlers,
  ...accountHandlers,
  ...overviewHandlers,
  ...breachHandlers,
  ...userHandlers,
  ...apiTokenHandlers,
  ...webhookHandlers,
  ...mailPreferenceHandlers,
};

function errorJson(c: Context, err: ApiError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
  if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
  return c.json(body, err.status as 400);
}

function isFile(result: unknown): result is FileResult {
  return typeof result === 'object' && result !== null && 'file' in result;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  // NUL and lone surrogates pass here: every text field of the contract refuses them, naming itself (common.ts).
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The body is not valid JSON');
  }
}

/**
 * The whole API as one web-standard app (Request in, Response out). The Node server serves it over a
 * SqlStore; the demo build runs it inside the page over a MemoryStore. Only the session's transport
 * differs between the two (see `readToken`).
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  void dummyHash(deps.passwords).catch(() => undefined);

  /** Server: an httpOnly cookie. Demo: a bearer token, since script-made responses cannot set cookies. */
  const readToken = (c: Context): string | null => {
    if (deps.mode === 'server') return getCookie(c, SESSION_COOKIE) ?? null;
    const auth = c.req.header('authorization');
    return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  };
  const originOf = (c: Context): string => deps.clientAddress?.(c.req.raw, c.env) ?? (deps.mode === 'demo' ? 'demo browser' : 'unknown');

  const requireSession = async (c: Context, ctx: Ctx): Promise<{ actor: Actor; session: SessionRecord; mfaSetupRequired: boolean }> => {
    const token = readToken(c);
    const found = token ? await authenticate(ctx, token) : null;
    if (!found) throw new ApiError('unauthenticated', 'Sign in to continue');
    return { actor: { user: found.user, origin: originOf(c) }, session: found.session, mfaSetupRequired: found.mfaSetupRequired };
  };
  /** A session that may use the console: one that must set two-factor up first reaches only its own settings. */
  const requireFullSession = async (c: Context, ctx: Ctx): Promise<Actor> => {
    const { actor, mfaSetupRequired } = await requireSession(c, ctx);
    if (mfaSetupRequired) {
      throw new ApiError('forbidden', 'Set up two-factor sign-in first (Security page): your role must use it to sign in with a password');
    }
    return actor;
  };
  const requireActor = async (c: Context, ctx: Ctx): Promise<Actor> => (await requireSession(c, ctx)).actor;

  /**
   * A machine client's `Authorization: Bearer pct_…`, on either build: the actor its API token stands for,
   * null when the request carries none (then the session decides), 401 for a token that does not work.
   */
  const bearerTokenActor = async (c: Context, ctx: Ctx): Promise<Actor | null> => {
    const auth = c.req.header('authorization');
    if (!auth?.startsWith(`Bearer ${API_TOKEN_PREFIX}`)) return null;
    const actor = await apiTokenActor(ctx, auth.slice(7), originOf(c));
    if (!actor) throw new ApiError('unauthenticated', 'This API token is unknown, expired or revoked');
    return actor;
  };

  const log: AppLogger = deps.log ?? consoleLogger;
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorJson(c, err);
    // The route and the record's id, never the body or the error's message (both may carry personal data).
    log.error({ err: errorSummary(err), method: c.req.method, route: c.req.routePath, id: c.req.param('id') }, 'Request failed');
    return errorJson(c, new ApiError('internal', 'Something went wrong on our side; nothing was changed'));
  });
  app.notFound((c) => errorJson(c, new ApiError('not_found', `No API endpoint ${c.req.method} ${new URL(c.req.url).pathname}`)));

  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (/%00/.test(c.req.url) || c.req.url.includes('\0')) throw new ApiError('bad_request', 'The address may not contain NUL characters');
    // Mutations from another origin are refused: the SameSite cookie is one guard, this is the second.
    if (deps.mode === 'server' && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null') {
        if (hostOf(origin) !== (c.req.header('host') ?? new URL(c.req.url).host)) {
          throw new ApiError('forbidden', 'Requests from another origin are refused');
        }
      } else if (origin === 'null') {
        throw new ApiError('forbidden', 'Requests from another origin are refused');
      }
    }
    await next();
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    onError: (c) =>
      errorJson(c, new ApiError('payload_too_large', `The body is larger than ${deps.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`)),
  });
  // A DPA document's upload reads its own body, after the permission check, under its own limit (readFile).
  const uploadPath = new RegExp(`^${endpoints.uploadDpaDocument.path.replace(':id', '[^/]+')}$`);
  app.use(
    '/api/*',
    except((c) => c.req.method === endpoints.uploadDpaDocument.method && uploadPath.test(c.req.path), jsonBodyLimit),
  );

  if (deps.testClock) {
    const { testClock } = deps;
    const advance = z.object({
      advanceSeconds: z
        .number()
        .int()
        .min(1)
        .max(400 * 86_400),
    });
    app.post('/api/test/clock', async (c) => {
      const { advanceSeconds } = parseBody(advance, await readJson(c));
      await testClock.advance(advanceSeconds);
      await runSweeps(makeCtx(deps));
      const ran = deps.jobs ? await deps.jobs.runDue() : 0;
      return c.json({ now: makeCtx(deps).now.toISOString(), jobsRun: ran });
    });
  }

  if (deps.testClock && deps.findInRows) {
    const { findInRows } = deps;
    const needles = z.strictObject({ needles: z.array(z.string().trim().min(3).max(200)).min(1).max(200) });
    app.post('/api/test/find-in-rows', async (c) => {
      const body = parseBody(needles, await readJson(c));
      return c.json({ matches: await findInRows(body.needles) });
    });
  }

  if (deps.testClock && deps.sandboxes) {
    const { sandboxes } = deps;
    const failure = z.strictObject({
      kind: z.enum(['rate_limit', 'server_error', 'unauthorized']),
      times: z.number().int().min(1).max(100).optional(),
      on: z.enum(['any', 'read', 'write']).optional(),
      after: z.number().int().min(0).max(100).optional(),
      retryAfterSeconds: z.number().int().min(1).max(86_400).optional(),
    });
    app.post('/api/test/sandboxes/:vendor/failures', async (c) => {
      const vendor = connectorVendor.safeParse(c.req.param('vendor'));
      if (!vendor.success) throw new ApiError('not_found', 'No such vendor sandbox');
      await sandboxes.fail(vendor.data, parseBody(failure, await readJson(c)));
      return c.body(null, 204);
    });
  }

  app.get(endpoints.openApi.path, (c) => c.json(openApiDocument()));

  // Public, as a /.well-known key is: whoever holds a certificate checks it against this.
  app.get(endpoints.certificateSigningKey.path, async (c) => c.json(await publicSigningKey(deps.credentialsKey), 200));

  app.get(endpoints.health.path, async (c) => {
    const ctx = makeCtx(deps);
    const database = await deps.store.ping().catch(() => false);
    const writes = database && (await deps.store.probeWrite(ctx.now.toISOString()).catch(() => false));
    const demo = deps.demoUsers ? await presentDemoUsers(deps.demoUsers.users) : [];
    const body: Health = {
      status: database && writes ? 'ok' : 'failing',
      database: database ? 'reachable' : 'unreachable',
      writes: writes ? 'ok' : 'failing',
      mode: deps.mode,
      demo: deps.demoUsers && demo.length > 0 ? { users: demo, password: deps.demoUsers.password } : null,
      sso: deps.sso && deps.mode === 'server' ? { name: deps.sso.name, startUrl: SSO_START } : null,
    };
    return c.json(body, database && writes ? 200 : 503);
  });

  /** The demo users that exist in this store (a server may have loaded the demo data, or not). */
  const presentDemoUsers = (candidates: readonly DemoUser[]): Promise<DemoUser[]> =>
    deps.store
      .transaction(async (tx) => {
        const found = await Promise.all(candidates.map((u) => tx.users.getByEmail(u.email)));
        return found.flatMap((u) => (u ? [{ email: u.email, name: u.name, role: u.role }] : []));
      })
      .catch(() => []);

  const setSessionCookie = (c: Context, token: string) =>
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies ?? false,
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });

  const clearCookie = (c: Context) => {
    if (deps.mode === 'server') deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.secureCookies ?? false });
  };

  app.post(endpoints.signIn.path, async (c) => {
    const ctx = makeCtx(deps);
    const input = parseBody(endpoints.signIn.body, await readJson(c));
    const { token, user, mfaSetupRequired } = await signIn(ctx, input, {
      address: originOf(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    const answer = {
      user,
      permissions: permissionsOf(user.role),
      ...(mfaSetupRequired ? { mfaSetupRequired } : {}),
      timeZone: ctx.timeZone,
    };
    if (deps.mode === 'server') {
      setSessionCookie(c, token);
      return c.json(answer, endpoints.signIn.status);
    }
    return c.json({ ...answer, token }, endpoints.signIn.status);
  });

  app.get(endpoints.currentSession.path, async (c) => {
    const ctx = makeCtx(deps);
    const { actor, mfaSetupRequired } = await requireSession(c, ctx);
    return c.json(
      {
        user: actor.user,
        permissions: permissionsOf(actor.user.role),
        ...(mfaSetupRequired ? { mfaSetupRequired } : {}),
        timeZone: ctx.timeZone,
      },
      endpoints.currentSession.status,
    );
  });

  // One's own two-factor sign-in: any session may, including one that must set it up before anything else.
  app.get(endpoints.ownMfa.path, async (c) => {
    const ctx = makeCtx(deps);
    return c.json(await ownMfaStatus(ctx, await requireActor(c, ctx)), endpoints.ownMfa.status);
  });
  app.post(endpoints.startMfaEnrolment.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    parseBody(endpoints.startMfaEnrolment.body, await readJson(c));
    return c.json(await startMfaEnrolment(ctx, actor), endpoints.startMfaEnrolment.status);
  });
  app.post(endpoints.confirmMfa.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    const { code } = parseBody(endpoints.confirmMfa.body, await readJson(c));
    return c.json(await confirmMfaEnrolment(ctx, actor, code), endpoints.confirmMfa.status);
  });
  app.post(endpoints.turnOffMfa.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    const body = parseBody(endpoints.turnOffMfa.body, await readJson(c));
    return c.json(await turnOffOwnMfa(ctx, actor, body), endpoints.turnOffMfa.status);
  });

  if (deps.sso && deps.mode === 'server') mountSso(app, deps, deps.sso, { originOf, setSessionCookie, log });

  app.delete(endpoints.signOut.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    const token = readToken(c);
    if (token) await signOut(ctx, actor, token);
    clearCookie(c);
    return c.body(null, endpoints.signOut.status);
  });

  app.get(endpoints.listSessions.path, async (c) => {
    const ctx = makeCtx(deps);
    const { actor, session } = await requireSession(c, ctx);
    return c.json({ items: await listSessions(ctx, actor, session) }, endpoints.listSessions.status);
  });

  app.delete(endpoints.signOutEverywhere.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    await signOutEverywhere(ctx, actor);
    clearCookie(c);
    return c.body(null, endpoints.signOutEverywhere.status);
  });

  app.delete(endpoints.endSession.path, async (c) => {
    const ctx = makeCtx(deps);
    const { actor, session } = await requireSession(c, ctx);
    const id = parseBody(sessionIdParam, { id: c.req.param('id') }).id;
    await endSession(ctx, actor, id);
    if (id === session.id) clearCookie(c);
    return c.body(null, endpoints.endSession.status);
  });

  // The customer's consent page: no session; the token in the path is the key, the address kept hashed.
  const visitor = (c: Context): Visitor => ({ address: originOf(c), userAgent: c.req.header('user-agent') ?? null });
  app.get(endpoints.publicAccessPage.path, async (c) =>
    c.json(await publicAccessPage(makeCtx(deps), c.req.param('token')), endpoints.publicAccessPage.status),
  );
  app.post(endpoints.publicAccessConsent.path, async (c) => {
    const body = parseBody(endpoints.publicAccessConsent.body, await readJson(c));
    return c.json(await publicConsent(makeCtx(deps), c.req.param('token'), body, visitor(c)), endpoints.publicAccessConsent.status);
  });
  app.post(endpoints.publicAccessDecline.path, async (c) => {
    parseBody(endpoints.publicAccessDecline.body, await readJson(c));
    return c.json(await publicDecline(makeCtx(deps), c.req.param('token'), visitor(c)), endpoints.publicAccessDecline.status);
  });
  app.post(endpoints.publicAccessWithdraw.path, async (c) => {
    parseBody(endpoints.publicAccessWithdraw.body, await readJson(c));
    return c.json(await publicWithdraw(makeCtx(deps), c.req.param('token'), visitor(c)), endpoints.publicAccessWithdraw.status);
  });

  app.on(endpoints.uploadDpaDocument.method, endpoints.uploadDpaDocument.path, async (c) => {
    const ep = endpoints.uploadDpaDocument;
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    const refusal = permissionRefusal(actor.user.role, ep.permission);
    if (refusal) throw new ApiError(refusal.code, refusal.reason);
    const query = parseQuery(ep.query, c.req.queries());
    const bytes = await readFile(c, DPA_DOCUMENT_MAX_BYTES);
    if (bytes === null) {
      throw new ApiError('payload_too_large', 'The file is larger than 10 MB', {
        file: 'The file is larger than 10 MB: attach a smaller PDF',
      });
    }
    const answer = await uploadDpaDocument(ctx, actor, c.req.param('id'), {
      fileName: query.fileName,
      contentType: c.req.header('content-type') ?? null,
      bytes,
    });
    return c.json(answer, ep.status);
  });

  for (const [name, handler] of Object.entries(handlers) as [HandledEndpoint, (input: Input<HandledEndpoint>) => Promise<unknown>][]) {
    const ep: E[HandledEndpoint] = endpoints[name];
    app.on(ep.method, ep.path, async (c) => {
      const ctx = makeCtx(deps);
      const actor = (await bearerTokenActor(c, ctx)) ?? (await requireFullSession(c, ctx));
      // The endpoint's one permission, before anything of the request is read: services check only the record.
      // A token needs it in its scope as well.
      const refusal = actor.token
        ? tokenRefusal(actor.token.scope, actor.user.role, ep.permission)
        : permissionRefusal(actor.user.role, ep.permission);
      if (refusal) throw new ApiError(refusal.code, refusal.reason);
      const query =
        'query' in ep ? parseQuery(ep.query, withHeaderReason(ep.query, c.req.queries(), c.req.header(EXPORT_REASON_HEADER))) : undefined;
      const body = 'body' in ep ? parseBody(ep.body, await readJson(c)) : undefined;
      const version = 'ifMatch' in ep && ep.ifMatch ? parseIfMatch(c.req.header('if-match')) : 0;
      const result = await handler({ ctx, actor, id: c.req.param('id') ?? '', query, body, version } as Input<HandledEndpoint>);
      if (isFile(result)) {
        c.header('Content-Disposition', contentDisposition(result.file.filename));
        c.header('Content-Type', result.file.contentType);
        // A download is never sniffed into something a browser would run or show inline.
        c.header('X-Content-Type-Options', 'nosniff');
        return c.body(result.file.body, ep.status);
      }
      return c.json(result, ep.status);
    });
  }

  return app;
}
