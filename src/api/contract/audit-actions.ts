/**
 * Every action the console writes into its audit log, with the words people read for it. Services can
 * write only these (`AuditAction` types their audit input), and a test scans the code for any other, so
 * a new action cannot reach the log without a label. The log keeps the internal name; links and the
 * API's filter use it too (`deletion` selects every `deletion.…` action).
 */
export const auditActionLabels = {
  'session.sign_in': 'Signed in',
  'session.sign_in_sso': 'Signed in with single sign-on',
  'session.sign_in_throttled': 'Sign-in attempts throttled',
  'session.sso_refused': 'Single sign-on refused',
  'session.sign_out': 'Signed out',
  'session.end': 'Session ended',
  'session.sign_out_everywhere': 'Signed out everywhere',
  'user.create': 'User created',
  'user.created_by_sso': 'User created by single sign-on',
  'user.confirmed': 'User confirmed',
  'user.mfa_enrolled': 'Two-factor sign-in set up',
  'user.mfa_reset': 'Two-factor sign-in reset',
  'user.mfa_turned_off': 'Two-factor sign-in turned off',
  'user.recovery_code_used': 'Recovery code used',
  'user.mail_preferences': 'Mail preferences changed',
  'processor.create': 'Processor added',
  'processor.update': 'Processor updated',
  'processor.activate': 'Processor made active',
  'processor.retire': 'Processor retired',
  'processor.connector_set': 'Processor connector set up',
  'processor.connector_clear': 'Processor connector removed',
  'processor.connector_test': 'Processor connector tested',
  'processor.dpa_document_upload': 'DPA document uploaded',
  'processor.dpa_document_replace': 'DPA document replaced',
  'processor.dpa_document_remove': 'DPA document removed',
  'consent.grant': 'Consent granted',
  'consent.withdraw': 'Consent withdrawn',
  'consent.review': 'Withdrawal reviewed',
  'consent.review_group': 'Withdrawals reviewed as a group',
  'consent.export_proof': 'Proof of consent exported',
  'consent.export_reconsent': 'Re-consent list exported',
  'consent.export_suppression': 'Suppression list exported',
  'pii.reveal_email': 'Email address revealed',
  'pii.reveal_limit_reached': 'Email reveal limit reached',
  'support_access.create': 'Support access requested',
  'support_access.consent_link': 'Consent link sent to the customer',
  'support_access.consent': 'Customer consented',
  'support_access.consent_confirmed': 'Customer consent confirmed',
  'support_access.consent_exception': 'Consent recorded as an exception',
  'support_access.credentials': 'Login details attached',
  'support_access.credentials_destroyed': 'Login details destroyed',
  'support_access.reveal': 'Login details revealed',
  'support_access.approve': 'Support access approved',
  'support_access.deny': 'Support access denied',
  'support_access.revoke': 'Support access revoked',
  'support_access.cancel': 'Support access request cancelled',
  'support_access.withdraw_consent': 'Customer consent withdrawn',
  'support_access.declined': 'Customer declined access',
  'support_access.declined_by_customer': 'Customer declined on the consent page',
  'support_access.withdrawn_by_customer': 'Customer withdrew on the consent page',
  'support_access.ended': 'Support access grant ended',
  'support_access.expired': 'Support access request expired undecided',
  'account.cancel': 'Account cancelled',
  'deletion.create': 'Deletion request opened',
  'deletion.cancellation_joined': 'Cancellation joined an open deletion request',
  'deletion.first_approval': 'Deletion request approved once (second approval needed)',
  'deletion.approve': 'Deletion request approved',
  'deletion.reject': 'Deletion request rejected',
  'deletion.extend': 'Deletion deadline extended',
  'deletion.hold': 'Legal hold placed',
  'deletion.hold_edit': 'Legal hold changed',
  'deletion.hold_remove': 'Legal hold removed',
  'deletion.resolve_task': 'Deletion task resolved',
  'deletion.retry_task': 'Deletion task retried',
  'deletion.connector_run': 'Deletion connector started',
  'deletion.connector_done': 'Deletion connector finished',
  'deletion.connector_retry': 'Deletion connector will retry',
  'deletion.connector_failed': 'Deletion connector needs attention',
  'deletion.backup_rolled_off': 'Backup rolled off',
  'deletion.complete': 'Deletion completed',
  'deletion.erase_console_copy': "Console's copy of the person erased",
  'breach.create': 'Breach recorded',
  'breach.update': 'Breach updated',
  'breach.close': 'Breach closed',
  'breach.assess': 'Breach risk assessed',
  'breach.refresh_affected': 'Affected people recounted',
  'breach.export_affected': 'Affected people exported',
  'breach.notification_draft': 'Breach notification drafted',
  'breach.notification_edit': 'Breach notification edited',
  'breach.notification_send': 'Breach notification recorded as sent',
  'settings.update': 'Settings changed',
  'api_token.create': 'API token created',
  'api_token.revoke': 'API token revoked',
  'webhook.create': 'Webhook endpoint added',
  'webhook.disable': 'Webhook endpoint disabled',
  'demo.seed': 'Demo data loaded',
  'demo.reset': 'Demo data reset',
  'audit.export_clear_emails': 'Audit log exported with emails in clear',
} as const;

export type AuditAction = keyof typeof auditActionLabels;

export const auditActions = Object.keys(auditActionLabels) as AuditAction[];

/** The areas actions belong to (the part before the dot), in the catalogue's order, with their names. */
export const auditAreaLabels: Record<string, string> = {
  session: 'Sessions',
  user: 'Users',
  processor: 'Processors',
  consent: 'Consent',
  pii: 'Personal data',
  support_access: 'Support access',
  account: 'Accounts',
  deletion: 'Deletions',
  breach: 'Breaches',
  settings: 'Settings',
  api_token: 'API tokens',
  webhook: 'Webhooks',
  demo: 'Demo',
  audit: 'Audit log',
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditActionLabels, action);
}

/** The words for an action; an unknown one (written by an older version) reads as itself. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? auditActionLabels[action] : action;
}

export function auditAreaOf(action: string): string {
  return action.split('.')[0] ?? action;
}
