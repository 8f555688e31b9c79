import { z } from 'zod';
import { actionsOf, version } from './common';

const settingsActionNames = ['update'] as const;
export type SettingsActionName = (typeof settingsActionNames)[number];

/**
 * The data controller (GDPR Art. 4(7)) that consent receipts and certificates of deletion name: set by the
 * deployment (server/config.ts, CONTROLLER_*), not in the console, since it is who the console speaks for.
 */
export const controllerDetails = z.object({
  name: z.string().min(1),
  /** Postal address, as the receipt prints it. */
  address: z.string().min(1),
  /** Where a person writes about their data (the privacy officer's role address). */
  email: z.email(),
  /** Who answers at that address ("Privacy officer"). */
  contact: z.string().min(1),
  phone: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  policyUrl: z.url({ protocol: /^https?$/ }),
  /** The laws the controller answers to, in words ("EU GDPR; Serbia LPDP"). */
  jurisdiction: z.string().min(1),
});
export type ControllerDetails = z.infer<typeof controllerDetails>;

/** Company-wide settings the rules read. */
export const companySettings = z.object({
  /** Days customers are told of a new sub-processor before it may start (GDPR Art. 28(2); 30 by default). */
  processorNoticeDays: z.number().int().min(0).max(365),
  /** Hours our terms give us to tell a customer of a breach of their content (GDPR Art. 33(2); 48 by default). */
  breachCustomerNoticeHours: z.number().int().min(1).max(720),
  /** The company's time zone: deadlines are counted on its calendar. */
  timeZone: z.string(),
  /** Who the receipts and certificates name as controller (read-only here: the deployment's configuration). */
  controller: controllerDetails,
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
