import { z } from 'zod';
import { version } from './common';

/** Which mail a user receives: each their own choice (officers get both unless they say otherwise). */
export const mailPreferences = z.object({
  /** The daily digest of what needs a privacy officer. */
  digest: z.boolean({ error: 'Choose yes or no' }),
  /** A support-access request that waits for an officer's approval, at once. */
  accessAwaitingApproval: z.boolean({ error: 'Choose yes or no' }),
});
export type MailPreferences = z.infer<typeof mailPreferences>;
export const mailPreferencesView = mailPreferences.extend({ version });
export type MailPreferencesView = z.infer<typeof mailPreferencesView>;
