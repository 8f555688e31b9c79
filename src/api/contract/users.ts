import { z } from 'zod';
import { permissionNames } from '@/api/rules/permissions';
import { id, requiredText, role } from './common';

export const user = z.object({
  id,
  email: z.email(),
  name: z.string(),
  role,
});
export type User = z.infer<typeof user>;

export const signIn = z.object({
  email: z.email('Enter an email address').max(254),
  password: z.string().min(1, 'Enter your password').max(200),
});
export type SignIn = z.infer<typeof signIn>;

const permission = z.enum(permissionNames);

/**
 * What `POST` and `GET /api/session` answer: the user and the permissions their role has (the console asks
 * `can()` about these). `token` is only sent in demo mode, where cookies cannot travel.
 */
export const session = z.object({ user, permissions: z.array(permission), token: z.string().optional() });
export type Session = z.infer<typeof session>;

export const createUser = z.object({
  email: z.email().max(254),
  name: requiredText(200),
  role,
  password: z.string().min(12, 'At least 12 characters').max(200),
});
export type CreateUser = z.infer<typeof createUser>;

/** Staff as others see them: enough to name and filter by, nothing more. */
export const staffMember = z.object({ id, name: z.string(), role });
export type StaffMember = z.infer<typeof staffMember>;
export const staffQuery = z.object({ role: role.optional() });
export type StaffQuery = z.infer<typeof staffQuery>;
