/**
 * The consent purposes and their labels: plain data without zod (like roles.ts), so a page that only names
 * purposes (the dashboard) loads none of the contract's schemas. consent.ts re-exports them.
 */
export const consentPurposes = [
  'marketing_emails',
  'product_research',
  'testimonial_quote',
  'customer_story',
  'call_recording',
  'advertising_cookies',
  'analytics_cookies',
  'third_party_app_sharing',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentPurposeLabels: Record<ConsentPurpose, string> = {
  marketing_emails: 'Marketing emails and newsletter',
  product_research: 'Product research and surveys',
  testimonial_quote: 'Testimonial quote',
  customer_story: 'Published customer story',
  call_recording: 'Recorded sales or support calls',
  advertising_cookies: 'Advertising cookies',
  analytics_cookies: 'Analytics cookies',
  third_party_app_sharing: 'Sharing with a third-party app',
};
