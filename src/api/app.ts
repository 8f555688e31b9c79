import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { ErrorBody } from './contract/common';
import { endpoints } from './contract/endpoints';
import type { AppDeps } from './deps';
import { ApiError } from './errors';
import { parseBody, parseIfMatch, parseQuery } from './http/parse';
import { accountTimeline, listAccounts, getAccount } from './services/accounts';
import { exportAuditCsv, listAuditEvents } from './services/audit';
import {
  consentMonthly,
  exportConsentProof,
  exportSuppression,
  getSubject,
  listConsentEvents,
  listConsentReviews,
  markConsentReviewed,
  recordConsent,
  revealSubjectEmail,
} from './services/consent';
import { dashboardSummary } from './services/dashboard';
import { search } from './services/search';
import type { Actor, Ctx } from './services/context';
import { makeCtx } from './services/context';
import {
  actOnDeletion,
  bulkApproveDeletions,
  cancelAccount,
  createDeletion,
  deletionCertificate,
  getDeletion,
  listDeletions,
} from './services/deletions';
import type { FileResult } from './services/context';
import {
  createProcessor,
  exportRegistry,
  getProcessor,
  listProcessors,
  processorDataSummary,
  processorHistory,
  updateProcessor,
} from './services/processors';
import { getSettings, updateSettings } from './services/settings';
import { listStaff } from './services/staff';
import { authenticate, SESSION_HOURS, signIn, signOut } from './services/session';
import { actOnSupportAccess, createSupportAccess, getSupportAccess, listSupportAccess, revealCredentials } from './services/support-access';

export const SESSION_COOKIE = 'pc_session';
const DEFAULT_BODY_LIMIT = 64 * 1024;

type E = typeof endpoints;
type SessionEndpoints = 'health' | 'signIn' | 'currentSession' | 'signOut';
type QueryOf<K extends keyof E> = E[K] extends { query: infer Q extends z.ZodType } ? z.infer<Q> : undefined;
type BodyOf<K extends keyof E> = E[K] extends { body: infer B extends z.ZodType } ? z.infer<B> : undefined;
type Input<K extends keyof E> = { ctx: Ctx; actor: Actor; id: string; query: QueryOf<K>; body: BodyOf<K>; version: number };
type Handlers = { [K in Exclude<keyof E, SessionEndpoints>]: (input: Input<K>) => Promise<unknown> };

/** One handler per endpoint of the contract's table: the compiler refuses a missing one. */
const handlers: Handlers = {
  listStaff: ({ ctx, actor, query }) => listStaff(ctx, actor, query),
  listProcessors: ({ ctx, actor, query }) => listProcessors(ctx, actor, query),
  processorHistory: ({ ctx, actor, id, query }) => processorHistory(ctx, actor, id, query),
  processorDataSummary: ({ ctx, actor, id }) => processorDataSummary(ctx, actor, id),
  exportRegistryCsv: ({ ctx, actor }) => exportRegistry(ctx, actor, 'csv'),
  exportPublicListMarkdown: ({ ctx, actor }) => exportRegistry(ctx, actor, 'md'),
  exportPublicListHtml: ({ ctx, actor }) => exportRegistry(ctx, actor, 'html'),
  getSettings: ({ ctx, actor }) => getSettings(ctx, actor),
  updateSettings: ({ ctx, actor, version, body }) => updateSettings(ctx, actor, version, body),
  getProcessor: ({ ctx, actor, id }) => getProcessor(ctx, actor, id),
  createProcessor: ({ ctx, actor, body }) => createProcessor(ctx, actor, body),
  updateProcessor: ({ ctx, actor, id, version, body }) => updateProcessor(ctx, actor, id, version, body),

  listConsentEvents: ({ ctx, actor, query }) => listConsentEvents(ctx, actor, query),
  recordConsent: ({ ctx, actor, body }) => recordConsent(ctx, actor, body),
  getSubject: ({ ctx, actor, id }) => getSubject(ctx, actor, id),
  revealSubjectEmail: ({ ctx, actor, id }) => revealSubjectEmail(ctx, actor, id),
  exportConsentProof: ({ ctx, actor, id }) => exportConsentProof(ctx, actor, id),
  listConsentReviews: ({ ctx, actor, query }) => listConsentReviews(ctx, actor, query),
  markConsentReviewed: ({ ctx, actor, id, body }) => markConsentReviewed(ctx, actor, id, body),
  consentMonthly: ({ ctx, actor }) => consentMonthly(ctx, actor),
  exportSuppressionCsv: ({ ctx, actor, query }) => exportSuppression(ctx, actor, query),

  listSupportAccess: ({ ctx, actor, query }) => listSupportAccess(ctx, actor, query),
  getSupportAccess: ({ ctx, actor, id }) => getSupportAccess(ctx, actor, id),
  createSupportAccess: ({ ctx, actor, body }) => createSupportAccess(ctx, actor, body),
  supportAccessConsent: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'consent', ...body }),
  supportAccessCredentials: ({ ctx, actor, id, version, body }) =>
    actOnSupportAccess(ctx, actor, id, version, { action: 'credentials', ...body }),
  supportAccessCancel: ({ ctx, actor, id, version }) => actOnSupportAccess(ctx, actor, id, version, { action: 'cancel' }),
  supportAccessApprove: ({ ctx, actor, id, version }) => actOnSupportAccess(ctx, actor, id, version, { action: 'approve' }),
  supportAccessDeny: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'deny', ...body }),
  supportAccessRevoke: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'revoke', ...body }),
  supportAccessWithdraw: ({ ctx, actor, id, version, body }) =>
    actOnSupportAccess(ctx, actor, id, version, { action: 'withdraw-consent', ...body }),
  supportAccessReveal: ({ ctx, actor, id }) => revealCredentials(ctx, actor, id),

  listDeletions: ({ ctx, actor, query }) => listDeletions(ctx, actor, query),
  bulkApproveDeletions: ({ ctx, actor, body }) => bulkApproveDeletions(ctx, actor, body),
  deletionCertificate: ({ ctx, actor, id }) => deletionCertificate(ctx, actor, id),
  getDeletion: ({ ctx, actor, id }) => getDeletion(ctx, actor, id),
  createDeletion: ({ ctx, actor, body }) => createDeletion(ctx, actor, body),
  deletionApprove: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'approve', ...body }),
  deletionReject: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'reject', ...body }),
  deletionExtend: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'extend', ...body }),
  deletionHold: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'hold', ...body }),
  deletionResolveTask: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'resolve-task', ...body }),
  deletionComplete: ({ ctx, actor, id, version }) => actOnDeletion(ctx, actor, id, version, { action: 'complete' }),

  listAuditEvents: ({ ctx, actor, query }) => listAuditEvents(ctx, actor, query),
  exportAuditCsv: ({ ctx, actor, query }) => exportAuditCsv(ctx, actor, query),
  dashboard: ({ ctx, actor }) => dashboardSummary(ctx, actor),
  search: ({ ctx, actor, query }) => search(ctx, actor, query.q),
  listAccounts: ({ ctx, actor, query }) => listAccounts(ctx, actor, query),
  getAccount: ({ ctx, actor, id }) => getAccount(ctx, actor, id),
  accountTimeline: ({ ctx, actor, id }) => accountTimeline(ctx, actor, id),
  cancelAccount: ({ ctx, actor, id, body }) => cancelAccount(ctx, actor, id, body),
};

function errorJson(c: Context, err: ApiError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
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
  // PostgreSQL text cannot hold NUL, and no field of ours has a use for it.
  if (text.includes('\0') || /\\u0000/i.test(text)) throw new ApiError('bad_request', 'Text may not contain NUL characters');
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

  /** Server: an httpOnly cookie. Demo: a bearer token, since script-made responses cannot set cookies. */
  const readToken = (c: Context): string | null => {
    if (deps.mode === 'server') return getCookie(c, SESSION_COOKIE) ?? null;
    const auth = c.req.header('authorization');
    return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  };
  const originOf = (c: Context): string | null =>
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? c.req.header('x-real-ip') ?? (deps.mode === 'demo' ? 'demo browser' : null);

  const requireActor = async (c: Context, ctx: Ctx): Promise<Actor> => {
    const token = readToken(c);
    const user = token ? await authenticate(ctx, token) : null;
    if (!user) throw new ApiError('unauthenticated', 'Sign in to continue');
    return { user, origin: originOf(c) };
  };

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorJson(c, err);
    console.error(err);
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
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
      onError: (c) =>
        errorJson(c, new ApiError('payload_too_large', `The body is larger than ${deps.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`)),
    }),
  );

  app.get(endpoints.health.path, async (c) => {
    const ok = await deps.store.ping().catch(() => false);
    return c.json({ status: 'ok', database: ok ? 'reachable' : 'unreachable', mode: deps.mode }, ok ? 200 : 503);
  });

  app.post(endpoints.signIn.path, async (c) => {
    const ctx = makeCtx(deps);
    const input = parseBody(endpoints.signIn.body, await readJson(c));
    const { token, user } = await signIn(ctx, input, originOf(c));
    if (deps.mode === 'server') {
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.secureCookies ?? false,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json({ user }, 201);
    }
    return c.json({ user, token }, 201);
  });

  app.get(endpoints.currentSession.path, async (c) => {
    const actor = await requireActor(c, makeCtx(deps));
    return c.json({ user: actor.user });
  });

  app.delete(endpoints.signOut.path, async (c) => {
    const ctx = makeCtx(deps);
    const actor = await requireActor(c, ctx);
    const token = readToken(c);
    if (token) await signOut(ctx, actor, token);
    if (deps.mode === 'server') deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  for (const [name, handler] of Object.entries(handlers) as [keyof Handlers, (input: Input<keyof Handlers>) => Promise<unknown>][]) {
    const ep: E[keyof Handlers] = endpoints[name];
    app.on(ep.method, ep.path, async (c) => {
      const ctx = makeCtx(deps);
      const actor = await requireActor(c, ctx);
      if (Array.isArray(ep.roles) && !ep.roles.includes(actor.user.role)) {
        throw new ApiError('forbidden', `Your role (${actor.user.role.replace('_', ' ')}) may not do this`);
      }
      const query = 'query' in ep ? parseQuery(ep.query, c.req.queries()) : undefined;
      const body = 'body' in ep ? parseBody(ep.body, await readJson(c)) : undefined;
      const version = 'ifMatch' in ep && ep.ifMatch ? parseIfMatch(c.req.header('if-match')) : 0;
      const result = await handler({ ctx, actor, id: c.req.param('id') ?? '', query, body, version } as Input<keyof Handlers>);
      if (isFile(result)) {
        c.header('Content-Disposition', `attachment; filename="${result.file.filename}"`);
        c.header('Content-Type', result.file.contentType);
        return c.body(result.file.body, 200);
      }
      const status = ep.method === 'POST' && !ep.path.includes('/:id/') && !ep.path.endsWith('/bulk-approve') ? 201 : 200;
      return c.json(result, status);
    });
  }

  return app;
}
