import { z } from 'zod';
import { actionsOf, actionState, id, instant, plainString, role } from './common';

/** Who must use two-factor sign-in with a password (REQUIRE_MFA): privacy officers, everyone, or nobody. */
export const mfaPolicies = ['officers', 'all', 'off'] as const;
export type MfaPolicy = (typeof mfaPolicies)[number];

/** A six-digit code from an authenticator app, or a recovery code (`xxxxx-xxxxx`). */
export const mfaCode = plainString().trim().min(1, 'Enter the code from your authenticator app').max(32, 'A code is at most 32 characters');

/** The caller's own two-factor sign-in, as their settings page shows it. */
export const mfaStatus = z.object({
  enrolled: z.boolean(),
  enrolledAt: instant.nullable(),
  /** Recovery codes not used yet. */
  recoveryCodesLeft: z.number().int().nonnegative(),
  /** Whether the caller's role must use it (REQUIRE_MFA) when signing in with a password. */
  required: z.boolean(),
  /** Whether the caller may turn it off themselves (`turnOffMfa`), or why not. */
  turnOff: actionState,
});
export type MfaStatus = z.infer<typeof mfaStatus>;

/**
 * A new secret, not in force until a first code confirms it: as an otpauth:// URI, a QR code of it (an SVG
 * data URL) and the secret itself in base32, for typing into an app or reading out by a screen reader.
 */
export const mfaEnrolment = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });
export type MfaEnrolment = z.infer<typeof mfaEnrolment>;

export const confirmMfa = z.object({ code: mfaCode });

/**
 * Turning one's own two-factor off asks again who is there: the current password, or (for a user without
 * one, or by choice) a code the app shows now. One of the two; the password wins when both are sent.
 */
export const turnOffMfa = z
  .object({
    password: plainString().max(200, 'A password is at most 200 characters').optional(),
    code: mfaCode.optional(),
  })
  .refine((body) => Boolean(body.password) || Boolean(body.code), {
    message: 'Enter your current password, or the code your authenticator app shows now',
    path: ['password'],
  });
export type TurnOffMfa = z.infer<typeof turnOffMfa>;

/** Shown once, when two-factor sign-in is confirmed: each lets its owner in once without the app. */
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const userAccountActionNames = ['confirm', 'resetMfa'] as const;
export type UserAccountActionName = (typeof userAccountActionNames)[number];

/** A console user as officers manage them: how they sign in, whether they wait for confirmation. */
export const userAccount = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role,
  /** `pending`: created by a first single sign-on, waits for an officer to confirm its role. */
  status: z.enum(['active', 'pending']),
  mfaEnrolled: z.boolean(),
  /** Signs in through the identity provider only (no password). */
  ssoOnly: z.boolean(),
  actions: actionsOf(userAccountActionNames),
});
export type UserAccount = z.infer<typeof userAccount>;
export const userAccountList = z.object({ items: z.array(userAccount) });

/** What the sign-in page needs to offer single sign-on: the button's label and where it starts. */
export const ssoInfo = z.object({ name: z.string(), startUrl: z.string() });
