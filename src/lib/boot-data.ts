import { roles } from '@/api/contract/roles';
import type { DemoUsers, SsoOffer } from './sign-in';

/**
 * What the server writes into the page for its first paint (server/http-app.ts): inert JSON in
 * `<script type="application/json" id="boot-data">`, which the CSP allows since it never runs. It spares
 * the page a round trip before its first data request: the session (the `GET /api/session` answer) on a
 * console page, the sign-in page's demo users (health's `demo`) on /sign-in.
 */
export const BOOT_DATA_ID = 'boot-data';

type BootData = { session?: unknown; signIn?: unknown };

let boot: BootData | undefined;

/** The JSON in the page's inert element `id`, or null when there is none or it does not parse. */
function jsonElement(id: string): unknown {
  const text = typeof document === 'undefined' ? null : (document.getElementById(id)?.textContent ?? null);
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function read(): BootData {
  if (boot) return boot;
  const parsed = jsonElement(BOOT_DATA_ID);
  boot = typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
  return boot;
}

/**
 * The session the page was served with, once: after that the query cache owns it (a sign-out or a 401
 * must not bring it back). Unparsed: the console parses it with the contract's schema.
 */
export function takeBootSession(): unknown {
  const data = read();
  const { session } = data;
  delete data.session;
  return session;
}

/** Where the server writes the page's first API answers, at the end of its HTML (server/page-answers.ts). */
export const BOOT_ANSWERS_ID = 'boot-answers';

let answers: Map<string, unknown> | undefined;

function readAnswers(): Map<string, unknown> {
  if (answers) return answers;
  answers = new Map();
  const parsed = jsonElement(BOOT_ANSWERS_ID);
  if (Array.isArray(parsed)) {
    const list: unknown[] = parsed;
    for (const item of list) if (isRecord(item) && typeof item.url === 'string' && 'body' in item) answers.set(item.url, item.body);
  }
  return answers;
}

/**
 * The server's answer to `GET url` written into the page, once: the page's loaders read it instead of asking
 * again. Unparsed: the API client checks it with the endpoint's schema like any answer.
 */
export function takeBootAnswer(url: string): unknown {
  const all = readAnswers();
  const body = all.get(url);
  all.delete(url);
  return body;
}

/**
 * Forgets the answers the page came with: once its first navigation is over they are old, and after a
 * sign-out they were someone else's.
 */
export function dropBootAnswers(): void {
  readAnswers().clear();
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The demo users and single sign-on the sign-in page offers, as far as the page knows them. */
export type SignInOffers = { demoUsers: DemoUsers | undefined; sso: SsoOffer | undefined };

/**
 * What the sign-in page is told by the boot data's `signIn` (the server's own object, or the page's): the demo
 * users and single sign-on, each null when there is none and undefined when the page does not say (then the
 * sign-in page asks the API). Checked by hand, not by the contract's zod schema: the sign-in page paints without
 * zod (a quarter of a signed-in page's script); boot-data.test.ts holds these checks to the schema.
 */
export function signInOffers(signIn: unknown): SignInOffers {
  if (!isRecord(signIn)) return { demoUsers: undefined, sso: undefined };
  return {
    demoUsers: 'demo' in signIn ? demoUsersOf(signIn.demo) : undefined,
    sso: 'sso' in signIn ? ssoOf(signIn.sso) : undefined,
  };
}

/** The sign-in page's offers as the server put them in this page. */
export function bootSignInOffers(): SignInOffers {
  return signInOffers(read().signIn);
}

export function ssoOf(value: unknown): SsoOffer | undefined {
  if (value === null) return null;
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.startUrl !== 'string') return undefined;
  return { name: value.name, startUrl: value.startUrl };
}

export function demoUsersOf(value: unknown): DemoUsers | undefined {
  if (value === null) return null;
  if (!isRecord(value) || typeof value.password !== 'string' || !Array.isArray(value.users)) return undefined;
  const users: NonNullable<DemoUsers>['users'] = [];
  const list: unknown[] = value.users;
  for (const user of list) {
    if (!isRecord(user) || typeof user.email !== 'string' || typeof user.name !== 'string') return undefined;
    const role = roles.find((r) => r === user.role);
    if (!role) return undefined;
    users.push({ email: user.email, name: user.name, role });
  }
  return { users, password: value.password };
}
