import { z } from 'zod';
import { actionsOf, version } from './common';

const settingsActionNames = ['update'] as const;
export type SettingsActionName = (typeof settingsActionNames)[number];

/** Company-wide settings the rules read. */
export const companySettings = z.object({
  /** Days customers are told of a new sub-processor before it may start (GDPR Art. 28(2); 30 by default). */
  processorNoticeDays: z.number().int().min(0).max(365),
  /** Hours our terms give us to tell a customer of a breach of their content (GDPR Art. 33(2); 48 by default). */
  breachCustomerNoticeHours: z.number().int().min(1).max(720),
  /** The company's time zone: deadlines are counted on its calendar. */
  timeZone: z.string(),
  version,
  actions: actionsOf(settingsActionNames),
});
export type CompanySettings = z.infer<typeof companySettings>;

export const updateSettings = z.object({
  processorNoticeDays: z
    .number({ error: 'Enter the number of days' })
    .int('Enter a whole number of days')
    .min(1, 'Give customers at least 1 day of notice')
    .max(365, 'At most 365 days'),
  breachCustomerNoticeHours: z.number().int().min(1, 'At least 1 hour').max(720, 'At most 720 hours').optional(),
});
export type UpdateSettings = z.infer<typeof updateSettings>;
