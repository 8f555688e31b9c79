import type { ConnectorVendor } from '@/api/contract/connectors';
import type { Connector } from './connector';
import { crispConnector } from './crisp';
import { helpScoutConnector } from './helpscout';
import { mailchimpConnector } from './mailchimp';
import { stripeConnector } from './stripe';
import { zoomConnector } from './zoom';

/** Every vendor's connector: a task at a processor whose connector names `vendor` runs this one. */
const connectors: Record<ConnectorVendor, Connector> = {
  helpscout: helpScoutConnector,
  crisp: crispConnector,
  stripe: stripeConnector,
  mailchimp: mailchimpConnector,
  zoom: zoomConnector,
};

export function connectorFor(vendor: ConnectorVendor): Connector {
  return connectors[vendor];
}
