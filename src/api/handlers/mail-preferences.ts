import { getMailPreferences, updateMailPreferences } from '@/api/services/mail-preferences';
import type { Handlers } from './handler';

/** One's own choice of the mail one receives. */
export const mailPreferenceHandlers = {
  getMailPreferences: ({ ctx, actor }) => getMailPreferences(ctx, actor),
  updateMailPreferences: ({ ctx, actor, body, version }) => updateMailPreferences(ctx, actor, body, version),
} satisfies Partial<Handlers>;
