import type { ControllerDetails } from '@/api/contract/settings';

/**
 * The controller when the deployment names none: the company of the privacy policy (ActiveCollab), with
 * the privacy officer's role address. The demo runs with it; a server sets its own with CONTROLLER_*.
 */
export const DEFAULT_CONTROLLER: ControllerDetails = {
  name: 'ActiveCollab',
  address: 'ActiveCollab, Belgrade, Serbia',
  email: 'privacy@activecollab.com',
  contact: 'Privacy officer',
  phone: 'Not published',
  url: 'https://activecollab.com',
  policyUrl: 'https://activecollab.com/privacy',
  jurisdiction: 'EU GDPR; Serbia LPDP',
};
