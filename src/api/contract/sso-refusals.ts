// No zod here: the sign-in page imports this before anything else loads.
/** Why a single sign-on was refused, as the sign-in page says it (the callback sends the key, never text). */
export const ssoRefusals = {
  state: 'The sign-in did not come back to the browser that started it, or took longer than 10 minutes. Start again from this page.',
  provider: 'The identity provider did not complete the sign-in (its code was refused, used already, or expired). Start again.',
  unverified:
    'The identity provider has not verified your email address, so it cannot name your console user. Verify it there, then try again.',
  unknown: 'No console user has the email address the identity provider gave. Ask a privacy officer to add you.',
  pending: 'Your console user waits for a privacy officer to confirm it. Try again once they have.',
  created: 'Your console user was created and waits for a privacy officer to confirm its role. Try again once they have.',
} as const;
export type SsoRefusal = keyof typeof ssoRefusals;
