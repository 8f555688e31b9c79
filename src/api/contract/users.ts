import { z } from 'zod';
import { permissionNames } from '@/api/rules/permissions';
import { id, instant, plainString, requiredText, role } from './common';
import { mfaCode } from './mfa';

export const user = z.object({
  id,
  email: z.email(),
  name: z.string(),
  role,
});
export type User = z.infer<typeof user>;

export const signIn = z.object({
  email: z.email('Enter an email address').max(254),
  password: plainString().min(1, 'Enter your password').max(200),
  /** The authenticator app's code (or a recovery code), once the account has two-factor sign-in. */
  code: mfaCode.optional(),
});
export type SignIn = z.infer<typeof signIn>;

const permission = z.enum(permissionNames);

/**
 * What `POST` and `GET /api/session` answer: the user and the permissions their role has (the console asks
 * `can()` about these). `token` is only sent in demo mode, where cookies cannot travel.
 */
export const session = z.object({
  user,
  permissions: z.array(permission),
  token: z.string().optional(),
  /**
   * The caller's role must use two-factor sign-in (REQUIRE_MFA) and they have not set it up: until they do,
   * the session reaches only their own settings (every other endpoint answers 403).
   */
  mfaSetupRequired: z.boolean().optional(),
  /** The company's time zone (IANA): deadlines are counted, and shown, on its calendar. */
  timeZone: z.string().optional(),
});
export type Session = z.infer<typeof session>;

/** One of the caller's own sessions, as the list of them shows it. */
const sessionView = z.object({
  id,
  createdAt: instant,
  lastSeenAt: instant,
  /** It ends at the first of these two: its absolute lifetime, and the idle timeout from its last use. */
  expiresAt: instant,
  idleEndsAt: instant,
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session making this call. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionView>;
export const sessionList = z.object({ items: z.array(sessionView) });

/** A demo user the sign-in page may offer: only where the demo data was loaded (its password is published). */
export const demoUser = z.object({ email: z.string(), name: z.string(), role });
export type DemoUser = z.infer<typeof demoUser>;

export const createUser = z.object({
  email: z.email().max(254),
  name: requiredText(200),
  role,
  password: plainString().min(12, 'At least 12 characters').max(200),
});
export type CreateUser = z.infer<typeof createUser>;

/** Staff as others see them: enough to name and filter by, nothing more. */
export const staffMember = z.object({ id, name: z.string(), role });
export type StaffMember = z.infer<typeof staffMember>;
export const staffQuery = z.object({ role: role.optional() });
export type StaffQuery = z.infer<typeof staffQuery>;
