import { z } from 'zod';
import { consentAction, consentChannel, consentPurpose } from '../../api/contract/consent';

/** The consent ledger's filters, as they stand in the URL. */
export const consentSearch = z.object({
  email: z.string().trim().max(254).optional().catch(undefined),
  purpose: consentPurpose.optional().catch(undefined),
  action: consentAction.optional().catch(undefined),
  channel: consentChannel.optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type ConsentSearch = z.infer<typeof consentSearch>;
