import { recordOfProcessing } from './record-of-processing';
import { z } from 'zod';
import type { Permission } from '@/api/rules/permissions';
import { page } from './common';
import type { AccountActionName } from './accounts';
import { accountDetail, accountQuery, accountTimeline, accountView, cancelAccount } from './accounts';
import {
  apiTokenList,
  apiTokenView,
  createApiToken,
  createdApiToken,
  machineCancellation,
  machineCancellationAnswer,
  machineConsentAnswer,
  machineConsentEvent,
} from './api-tokens';
import { mailPreferences, mailPreferencesView } from './mail-preferences';
import { createdWebhook, createWebhook, webhookDeliveryList, webhookList, webhookView } from './webhooks';
import { auditEvent, auditExportQuery, auditQuery, historyQuery } from './audit';
import { chainStatus, chainVerification } from './ledger-chain';
import type { SettingsActionName } from './settings';
import { companySettings, updateSettings } from './settings';
import type { ConsentReviewActionName, SubjectActionName } from './consent';
import {
  consentEvent,
  consentMonthly,
  consentQuery,
  consentReviewItem,
  reviewGroupInput,
  reviewGroupResult,
  reviewGroups,
  consentReviewQuery,
  markReviewed,
  recordConsent,
  revealedEmail,
  revealEmail,
  subjectDetail,
  suppressionQuery,
  personResult,
  personSearchQuery,
} from './consent';
import { dashboardSummary } from './dashboard';
import { searchQuery, searchResults } from './search';
import { emailExport } from './email-exports';
import type { DeletionActionName } from './deletions';
import {
  addHold,
  approveDeletion,
  bulkApproveDeletions,
  bulkApproveResult,
  certificateKey,
  deletionCertificate,
  createDeletion,
  createPersonErasure,
  deletionQuery,
  deletionListItem,
  deletionRequestView,
  extendDeletion,
  rejectDeletion,
  retryTask,
  resolveTask,
  editHold,
  removeHold,
} from './deletions';
import { connectorTestResult, setConnector } from './connectors';
import type { DpaDocumentActionName, ProcessorActionName } from './processors';
import {
  dpaDocumentUploadQuery,
  dpaDocumentView,
  processorDataSummary,
  processorInput,
  processorQuery,
  processorView,
  updateProcessor,
} from './processors';
import type { SupportAccessActionName } from './support-access';
import {
  attachCredentials,
  createSupportAccess,
  decisionReason,
  emptyBody,
  publicAccessPage,
  publicConsent,
  publicConsentResult,
  recordCustomerConsent,
  revealedCredentials,
  supportAccessQuery,
  supportAccessListItem,
  supportAccessRequestView,
} from './support-access';
import { demoUser, session, sessionList, signIn, staffMember, staffQuery } from './users';
import { outboxMessage, outboxQuery } from './mail';
import type { BreachActionName } from './breaches';
import { confirmMfa, mfaEnrolment, mfaStatus, recoveryCodes, ssoInfo, turnOffMfa, userAccount, userAccountList } from './mfa';
import type { UserAccountActionName } from './mfa';
import {
  addBreachNotification,
  assessBreach,
  breachDrafts,
  breachQuery,
  breachListItem,
  breachView,
  createBreach,
  editBreachNotification,
  sendBreachNotification,
  updateBreach,
} from './breaches';

export const health = z.object({
  /** `failing` (with 503) when the database does not answer or does not take a write. */
  status: z.enum(['ok', 'failing']),
  database: z.enum(['reachable', 'unreachable']),
  /** A heartbeat written and committed by this very call: a full disk or a read-only database shows here. */
  writes: z.enum(['ok', 'failing']),
  mode: z.enum(['demo', 'server']),
  /** Public on purpose: demo users have a published password, and the sign-in page says they exist. */
  demo: z.object({ users: z.array(demoUser), password: z.string() }).nullable(),
  /** Single sign-on, when this server has an identity provider (OIDC_ISSUER): the sign-in page offers it. */
  sso: ssoInfo.nullable(),
});
export type Health = z.infer<typeof health>;

type Endpoint = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  /**
   * The one permission (rules/permissions.ts) a caller needs, checked by the app before it reads the
   * request; `public` needs no session, `signed_in` any session.
   */
  permission: Permission | 'public' | 'signed_in';
  /** The status of a success: 201 where the call creates a record, 204 where it answers nothing. */
  status: 200 | 201 | 204;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Whether the call must carry `If-Match: "<version>"`. */
  ifMatch?: boolean;
  response: z.ZodType | null;
  /** A download rather than JSON. */
  produces?:
    | 'text/csv'
    | 'text/markdown'
    | 'text/html'
    | 'application/json'
    | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    | 'application/pdf';
  /** A body that is a file of this type rather than JSON (the app reads it, up to the endpoint's own limit). */
  accepts?: 'application/pdf';
};

/**
 * The one table of the API. The Hono app, the contract tests and the client all read it, so an endpoint
 * exists in all three or in none.
 */
export const endpoints = {
  health: { method: 'GET', path: '/api/health', permission: 'public', status: 200, response: health },
  /** This table as an OpenAPI 3.1 document (src/api/openapi.ts). */
  openApi: { method: 'GET', path: '/api/openapi.json', permission: 'public', status: 200, response: null, produces: 'application/json' },
  /** The Ed25519 public key certificates of deletion are signed with: anyone may check one with it. */
  certificateSigningKey: {
    method: 'GET',
    path: '/api/.well-known/deletion-certificate-key',
    permission: 'public',
    status: 200,
    response: certificateKey,
  },
  signIn: { method: 'POST', path: '/api/session', permission: 'public', status: 201, body: signIn, response: session },
  currentSession: { method: 'GET', path: '/api/session', permission: 'signed_in', status: 200, response: session },
  signOut: { method: 'DELETE', path: '/api/session', permission: 'signed_in', status: 204, response: null },
  /** The caller's own sessions (where and when signed in, last used), the current one marked. */
  listSessions: { method: 'GET', path: '/api/sessions', permission: 'signed_in', status: 200, response: sessionList },
  /** Ends one of the caller's own sessions. */
  endSession: { method: 'DELETE', path: '/api/sessions/:id', permission: 'signed_in', status: 204, response: null },
  /** Ends every session of the caller, this one included ("sign out everywhere"). */
  signOutEverywhere: { method: 'DELETE', path: '/api/sessions', permission: 'signed_in', status: 204, response: null },

  listStaff: { method: 'GET', path: '/api/users', permission: 'staff.read', status: 200, query: staffQuery, response: page(staffMember) },

  listProcessors: {
    method: 'GET',
    path: '/api/processors',
    permission: 'processors.read',
    status: 200,
    query: processorQuery,
    response: page(processorView),
  },
  processorHistory: {
    method: 'GET',
    path: '/api/processors/:id/history',
    permission: 'processors.read',
    status: 200,
    query: historyQuery,
    response: page(auditEvent),
  },
  processorDataSummary: {
    method: 'GET',
    path: '/api/processors/:id/data-summary',
    permission: 'processors.read',
    status: 200,
    response: processorDataSummary,
  },
  exportRegistryCsv: {
    method: 'GET',
    path: '/api/exports/processors.csv',
    permission: 'processors.export',
    status: 200,
    response: null,
    produces: 'text/csv',
  },
  /** The Art. 30 record of processing, from the registry (issue 18). */
  recordOfProcessing: {
    method: 'GET',
    path: '/api/record-of-processing',
    permission: 'processors.export',
    status: 200,
    response: recordOfProcessing,
  },
  exportRecordOfProcessingCsv: {
    method: 'GET',
    path: '/api/exports/record-of-processing.csv',
    permission: 'processors.export',
    status: 200,
    response: null,
    produces: 'text/csv',
  },
  exportRecordOfProcessingXlsx: {
    method: 'GET',
    path: '/api/exports/record-of-processing.xlsx',
    permission: 'processors.export',
    status: 200,
    response: null,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  exportPublicListMarkdown: {
    method: 'GET',
    path: '/api/exports/sub-processors.md',
    permission: 'processors.read',
    status: 200,
    response: null,
    produces: 'text/markdown',
  },
  exportPublicListHtml: {
    method: 'GET',
    path: '/api/exports/sub-processors.html',
    permission: 'processors.read',
    status: 200,
    response: null,
    produces: 'text/html',
  },
  getSettings: { method: 'GET', path: '/api/settings', permission: 'settings.read', status: 200, response: companySettings },
  updateSettings: {
    method: 'PATCH',
    path: '/api/settings',
    permission: 'settings.write',
    status: 200,
    body: updateSettings,
    ifMatch: true,
    response: companySettings,
  },
  getProcessor: { method: 'GET', path: '/api/processors/:id', permission: 'processors.read', status: 200, response: processorView },
  createProcessor: {
    method: 'POST',
    path: '/api/processors',
    permission: 'processors.write',
    status: 201,
    body: processorInput,
    response: processorView,
  },
  updateProcessor: {
    method: 'PATCH',
    path: '/api/processors/:id',
    permission: 'processors.write',
    status: 200,
    body: updateProcessor,
    ifMatch: true,
    response: processorView,
  },
  /** Configures the processor's connector; the credentials are stored encrypted and never answered. Audited. */
  setProcessorConnector: {
    method: 'POST',
    path: '/api/processors/:id/connector',
    permission: 'processors.write',
    status: 200,
    body: setConnector,
    ifMatch: true,
    response: processorView,
  },
  /** Removes the processor's connector and destroys its stored credentials. Audited. */
  clearProcessorConnector: {
    method: 'DELETE',
    path: '/api/processors/:id/connector',
    permission: 'processors.write',
    status: 200,
    ifMatch: true,
    response: processorView,
  },
  /** One harmless authenticated call to the vendor with the stored credentials: ok, or the vendor's answer. Audited. */
  testProcessorConnector: {
    method: 'POST',
    path: '/api/processors/:id/connector/test',
    permission: 'processors.write',
    status: 200,
    response: connectorTestResult,
  },

  listConsentEvents: {
    method: 'GET',
    path: '/api/consent-events',
    permission: 'consent.lookup',
    status: 200,
    query: consentQuery,
    response: page(consentEvent),
  },
  recordConsent: {
    method: 'POST',
    path: '/api/consent-events',
    permission: 'consent.record',
    status: 201,
    body: recordConsent,
    response: consentEvent,
  },
  getSubject: { method: 'GET', path: '/api/subjects/:id', permission: 'consent.lookup', status: 200, response: subjectDetail },
  revealSubjectEmail: {
    method: 'POST',
    path: '/api/subjects/:id/reveal-email',
    permission: 'pii.reveal',
    status: 200,
    body: revealEmail,
    response: revealedEmail,
  },
  /** One person's complete proof of consent (subject, states, events, notices as shown); audited. */
  /** One consent event as a Kantara Consent Receipt v1.1 (issue 18). */
  consentReceiptKantara: {
    method: 'GET',
    path: '/api/consent-events/:id/receipt.json',
    permission: 'consent.read',
    status: 200,
    response: null,
    produces: 'application/json',
  },
  /** One consent event's receipt as a page a person can read (issue 18). */
  consentReceiptHtml: {
    method: 'GET',
    path: '/api/consent-events/:id/receipt.html',
    permission: 'consent.read',
    status: 200,
    response: null,
    produces: 'text/html',
  },
  /** One consent event as a consent record structured after ISO/IEC TS 27560 (issue 18). */
  consentReceiptIso: {
    method: 'GET',
    path: '/api/consent-events/:id/record-27560.json',
    permission: 'consent.read',
    status: 200,
    response: null,
    produces: 'application/json',
  },
  exportConsentProof: {
    method: 'GET',
    path: '/api/subjects/:id/proof.json',
    permission: 'consent.export',
    status: 200,
    query: emailExport,
    response: null,
    produces: 'application/json',
  },
  listConsentReviews: {
    method: 'GET',
    path: '/api/consent-reviews',
    permission: 'consent.read',
    status: 200,
    query: consentReviewQuery,
    response: page(consentReviewItem),
  },
  markConsentReviewed: {
    method: 'POST',
    path: '/api/consent-reviews/:id',
    permission: 'consent.review',
    status: 201,
    body: markReviewed,
    response: consentReviewItem,
  },
  /** The open review queue grouped by reason and purpose, with counts (issue 18). */
  listReviewGroups: {
    method: 'GET',
    path: '/api/consent-review-groups',
    permission: 'consent.read',
    status: 200,
    response: reviewGroups,
  },
  /** Marks a whole group reviewed with one note, once its count is confirmed (issue 18). */
  reviewGroup: {
    method: 'POST',
    path: '/api/consent-review-groups/review',
    permission: 'consent.review',
    status: 200,
    body: reviewGroupInput,
    response: reviewGroupResult,
  },
  consentMonthly: { method: 'GET', path: '/api/consent-stats/monthly', permission: 'consent.read', status: 200, response: consentMonthly },
  /** Current consent per subject and purpose, emails in clear, for suppression in mailing tools; audited. */
  exportSuppressionCsv: {
    method: 'GET',
    path: '/api/exports/consent-suppression.csv',
    permission: 'consent.export',
    status: 200,
    query: suppressionQuery,
    response: null,
    produces: 'text/csv',
  },
  /** People to ask again: current marketing consent that is stale or given under an outdated notice; audited (issue 18). */
  exportReconsentCsv: {
    method: 'GET',
    path: '/api/exports/re-consent.csv',
    permission: 'consent.export',
    status: 200,
    query: emailExport,
    response: null,
    produces: 'text/csv',
  },

  listSupportAccess: {
    method: 'GET',
    path: '/api/support-access-requests',
    permission: 'access.read',
    status: 200,
    query: supportAccessQuery,
    response: page(supportAccessListItem),
  },
  getSupportAccess: {
    method: 'GET',
    path: '/api/support-access-requests/:id',
    permission: 'access.read',
    status: 200,
    response: supportAccessRequestView,
  },
  createSupportAccess: {
    method: 'POST',
    path: '/api/support-access-requests',
    permission: 'access.request',
    status: 201,
    body: createSupportAccess,
    response: supportAccessRequestView,
  },
  supportAccessConsent: {
    method: 'POST',
    path: '/api/support-access-requests/:id/consent',
    permission: 'access.request',
    status: 200,
    body: recordCustomerConsent,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessConfirmConsent: {
    method: 'POST',
    path: '/api/support-access-requests/:id/confirm-consent',
    permission: 'access.decide',
    status: 200,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessIssueLink: {
    method: 'POST',
    path: '/api/support-access-requests/:id/consent-link',
    permission: 'access.request',
    status: 200,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  /** The customer's consent page: no staff session; the link's token is the only key. */
  publicAccessPage: { method: 'GET', path: '/api/public/access/:token', permission: 'public', status: 200, response: publicAccessPage },
  publicAccessConsent: {
    method: 'POST',
    path: '/api/public/access/:token/consent',
    permission: 'public',
    status: 200,
    body: publicConsent,
    response: publicConsentResult,
  },
  publicAccessDecline: {
    method: 'POST',
    path: '/api/public/access/:token/decline',
    permission: 'public',
    status: 200,
    body: emptyBody,
    response: publicAccessPage,
  },
  publicAccessWithdraw: {
    method: 'POST',
    path: '/api/public/access/:token/withdraw',
    permission: 'public',
    status: 200,
    body: emptyBody,
    response: publicAccessPage,
  },
  supportAccessCredentials: {
    method: 'POST',
    path: '/api/support-access-requests/:id/credentials',
    permission: 'access.request',
    status: 200,
    body: attachCredentials,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessCancel: {
    method: 'POST',
    path: '/api/support-access-requests/:id/cancel',
    permission: 'access.request',
    status: 200,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessApprove: {
    method: 'POST',
    path: '/api/support-access-requests/:id/approve',
    permission: 'access.decide',
    status: 200,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessDeny: {
    method: 'POST',
    path: '/api/support-access-requests/:id/deny',
    permission: 'access.decide',
    status: 200,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessRevoke: {
    method: 'POST',
    path: '/api/support-access-requests/:id/revoke',
    permission: 'access.decide',
    status: 200,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessWithdraw: {
    method: 'POST',
    path: '/api/support-access-requests/:id/withdraw-consent',
    permission: 'access.withdraw',
    status: 200,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequestView,
  },
  supportAccessReveal: {
    method: 'POST',
    path: '/api/support-access-requests/:id/reveal',
    permission: 'access.request',
    status: 200,
    response: revealedCredentials,
  },

  listDeletions: {
    method: 'GET',
    path: '/api/deletion-requests',
    permission: 'deletions.read',
    status: 200,
    query: deletionQuery,
    response: page(deletionListItem),
  },
  bulkApproveDeletions: {
    method: 'POST',
    path: '/api/deletion-requests/bulk-approve',
    permission: 'deletions.write',
    status: 200,
    body: bulkApproveDeletions,
    response: bulkApproveResult,
  },
  deletionCertificate: {
    method: 'GET',
    path: '/api/deletion-requests/:id/certificate',
    permission: 'deletions.read',
    status: 200,
    response: deletionCertificate,
  },
  getDeletion: {
    method: 'GET',
    path: '/api/deletion-requests/:id',
    permission: 'deletions.read',
    status: 200,
    response: deletionRequestView,
  },
  createDeletion: {
    method: 'POST',
    path: '/api/deletion-requests',
    permission: 'deletions.write',
    status: 201,
    body: createDeletion,
    response: deletionRequestView,
  },
  deletionApprove: {
    method: 'POST',
    path: '/api/deletion-requests/:id/approve',
    permission: 'deletions.write',
    status: 200,
    body: approveDeletion,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionReject: {
    method: 'POST',
    path: '/api/deletion-requests/:id/reject',
    permission: 'deletions.write',
    status: 200,
    body: rejectDeletion,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionExtend: {
    method: 'POST',
    path: '/api/deletion-requests/:id/extend',
    permission: 'deletions.write',
    status: 200,
    body: extendDeletion,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionHold: {
    method: 'POST',
    path: '/api/deletion-requests/:id/hold',
    permission: 'deletions.write',
    status: 200,
    body: addHold,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionResolveTask: {
    method: 'POST',
    path: '/api/deletion-requests/:id/resolve-task',
    permission: 'deletions.write',
    status: 200,
    body: resolveTask,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionComplete: {
    method: 'POST',
    path: '/api/deletion-requests/:id/complete',
    permission: 'deletions.write',
    status: 200,
    ifMatch: true,
    response: deletionRequestView,
  },

  listOutbox: {
    method: 'GET',
    path: '/api/outbox',
    permission: 'outbox.read',
    status: 200,
    query: outboxQuery,
    response: page(outboxMessage),
  },
  listAuditEvents: {
    method: 'GET',
    path: '/api/audit-events',
    permission: 'audit.read',
    status: 200,
    query: auditQuery,
    response: page(auditEvent),
  },
  /** The filtered events (newest first, at most 10,000) as CSV. */
  exportAuditCsv: {
    method: 'GET',
    path: '/api/exports/audit-events.csv',
    permission: 'audit.read',
    status: 200,
    query: auditExportQuery,
    response: null,
    produces: 'text/csv',
  },

  listBreaches: {
    method: 'GET',
    path: '/api/breaches',
    permission: 'breaches.read',
    status: 200,
    query: breachQuery,
    response: page(breachListItem),
  },
  getBreach: { method: 'GET', path: '/api/breaches/:id', permission: 'breaches.read', status: 200, response: breachView },
  createBreach: {
    method: 'POST',
    path: '/api/breaches',
    permission: 'breaches.write',
    status: 201,
    body: createBreach,
    response: breachView,
  },
  /** Edits the register's fields, or closes the breach (`status: closed`, once assessed and notified as required). */
  updateBreach: {
    method: 'PATCH',
    path: '/api/breaches/:id',
    permission: 'breaches.write',
    status: 200,
    body: updateBreach,
    ifMatch: true,
    response: breachView,
  },
  /** Counts again who is affected, from the systems, the registry and the ledger (after the scope changed). */
  refreshBreachAffected: {
    method: 'POST',
    path: '/api/breaches/:id/affected',
    permission: 'breaches.write',
    status: 200,
    ifMatch: true,
    response: breachView,
  },
  /** The affected accounts and people as CSV, emails masked or (officers, with a reason) in clear; audited. */
  exportBreachAffected: {
    method: 'GET',
    path: '/api/breaches/:id/affected.csv',
    permission: 'breaches.export',
    status: 200,
    query: emailExport,
    response: null,
    produces: 'text/csv',
  },
  assessBreach: {
    method: 'POST',
    path: '/api/breaches/:id/assessment',
    permission: 'breaches.write',
    status: 200,
    body: assessBreach,
    ifMatch: true,
    response: breachView,
  },
  /** The notices pre-filled from the register: the authority's (Art. 33(3)), the people's and the customers'. */
  breachDrafts: { method: 'GET', path: '/api/breaches/:id/drafts', permission: 'breaches.read', status: 200, response: breachDrafts },
  addBreachNotification: {
    method: 'POST',
    path: '/api/breaches/:id/notifications',
    permission: 'breaches.write',
    status: 200,
    body: addBreachNotification,
    ifMatch: true,
    response: breachView,
  },
  /** Edits a draft notification; a sent one is kept as sent (409). */
  editBreachNotification: {
    method: 'POST',
    path: '/api/breaches/:id/notifications/edit',
    permission: 'breaches.write',
    status: 200,
    body: editBreachNotification,
    ifMatch: true,
    response: breachView,
  },
  /** Records a draft as sent; one past its deadline carries the reasons for the delay. */
  sendBreachNotification: {
    method: 'POST',
    path: '/api/breaches/:id/notifications/send',
    permission: 'breaches.write',
    status: 200,
    body: sendBreachNotification,
    ifMatch: true,
    response: breachView,
  },
  /** The hash chains' heads and their recent daily anchors (issue 17, finding 12). */
  auditChainStatus: { method: 'GET', path: '/api/audit-chain', permission: 'audit.read', status: 200, response: chainStatus },
  /** Checks both chains from their first event and names the first altered one. */
  verifyAuditChain: {
    method: 'GET',
    path: '/api/audit-chain/verification',
    permission: 'audit.read',
    status: 200,
    response: chainVerification,
  },

  dashboard: { method: 'GET', path: '/api/dashboard', permission: 'dashboard.read', status: 200, response: dashboardSummary },
  search: { method: 'GET', path: '/api/search', permission: 'accounts.read', status: 200, query: searchQuery, response: searchResults },

  listAccounts: {
    method: 'GET',
    path: '/api/accounts',
    permission: 'accounts.read',
    status: 200,
    query: accountQuery,
    response: page(accountView),
  },
  getAccount: { method: 'GET', path: '/api/accounts/:id', permission: 'accounts.read', status: 200, response: accountDetail },
  accountTimeline: {
    method: 'GET',
    path: '/api/accounts/:id/timeline',
    permission: 'accounts.read',
    status: 200,
    response: accountTimeline,
  },
  cancelAccount: {
    method: 'POST',
    path: '/api/accounts/:id/cancel',
    permission: 'accounts.cancel',
    status: 200,
    body: cancelAccount,
    response: z.object({ account: accountView, deletionRequest: deletionRequestView }),
  },
  /** Sends a task whose connector needs attention to its vendor again (issue 15). */
  deletionRetryTask: {
    method: 'POST',
    path: '/api/deletion-requests/:id/retry-task',
    permission: 'deletions.write',
    status: 200,
    body: retryTask,
    ifMatch: true,
    response: deletionRequestView,
  },
  /** People by the start of their email, their email's domain, or their name (issue 18); emails masked. */
  searchPeople: {
    method: 'GET',
    path: '/api/subjects',
    permission: 'consent.read',
    status: 200,
    query: personSearchQuery,
    response: page(personResult),
  },
  /** The caller's own two-factor sign-in (issue 20): whether set up, recovery codes left, whether required. */
  ownMfa: { method: 'GET', path: '/api/me/mfa', permission: 'signed_in', status: 200, response: mfaStatus },
  /** A new TOTP secret (QR code and text), pending until `confirmMfa`; starting again replaces it. */
  startMfaEnrolment: {
    method: 'POST',
    path: '/api/me/mfa/enrolment',
    permission: 'signed_in',
    status: 201,
    body: emptyBody,
    response: mfaEnrolment,
  },
  /** Confirms the pending secret with a first code; answers the recovery codes, this once. */
  confirmMfa: { method: 'POST', path: '/api/me/mfa', permission: 'signed_in', status: 201, body: confirmMfa, response: recoveryCodes },
  /** Console users as officers manage them (auditors read it): pending ones (first single sign-on), two-factor. */
  listUserAccounts: { method: 'GET', path: '/api/user-accounts', permission: 'staff.read', status: 200, response: userAccountList },
  /** Confirms a user made by a first single sign-on with the role it was given. */
  confirmUser: {
    method: 'POST',
    path: '/api/user-accounts/:id/confirm',
    permission: 'users.manage',
    status: 200,
    body: emptyBody,
    response: userAccount,
  },
  /** Removes another user's two-factor sign-in (a lost phone) and ends their sessions; audited. */
  resetUserMfa: {
    method: 'POST',
    path: '/api/user-accounts/:id/mfa-reset',
    permission: 'users.manage',
    status: 200,
    body: emptyBody,
    response: userAccount,
  },
  listApiTokens: { method: 'GET', path: '/api/api-tokens', permission: 'tokens.manage', status: 200, response: apiTokenList },
  /** The answer carries the token's secret, the only time it is ever shown. */
  createApiToken: {
    method: 'POST',
    path: '/api/api-tokens',
    permission: 'tokens.manage',
    status: 201,
    body: createApiToken,
    response: createdApiToken,
  },
  revokeApiToken: { method: 'POST', path: '/api/api-tokens/:id/revoke', permission: 'tokens.manage', status: 200, response: apiTokenView },
  /**
   * The product's backend reports a consent event under its own `eventId`: the same id with the same body
   * answers the same (200), the same id with another body is a 409.
   */
  machineConsentEvent: {
    method: 'POST',
    path: '/api/machine/consent-events',
    permission: 'consent.record',
    status: 200,
    body: machineConsentEvent,
    response: machineConsentAnswer,
  },
  /** The billing system reports a cancellation (it opens the 30-day deletion), idempotent by `externalId`. */
  machineCancellation: {
    method: 'POST',
    path: '/api/machine/cancellations',
    permission: 'accounts.cancel',
    status: 200,
    body: machineCancellation,
    response: machineCancellationAnswer,
  },
  listWebhooks: { method: 'GET', path: '/api/webhooks', permission: 'webhooks.manage', status: 200, response: webhookList },
  /** The answer carries the endpoint's signing secret, the only time it is ever shown. */
  createWebhook: {
    method: 'POST',
    path: '/api/webhooks',
    permission: 'webhooks.manage',
    status: 201,
    body: createWebhook,
    response: createdWebhook,
  },
  disableWebhook: { method: 'POST', path: '/api/webhooks/:id/disable', permission: 'webhooks.manage', status: 200, response: webhookView },
  /** The newest deliveries (at most 200), each with its attempts and last answer. */
  listWebhookDeliveries: {
    method: 'GET',
    path: '/api/webhook-deliveries',
    permission: 'webhooks.manage',
    status: 200,
    response: webhookDeliveryList,
  },
  getMailPreferences: {
    method: 'GET',
    path: '/api/me/mail-preferences',
    permission: 'mail.preferences',
    status: 200,
    response: mailPreferencesView,
  },
  updateMailPreferences: {
    method: 'PATCH',
    path: '/api/me/mail-preferences',
    permission: 'mail.preferences',
    status: 200,
    body: mailPreferences,
    ifMatch: true,
    response: mailPreferencesView,
  },
  /** A processor's DPA document: what is attached and what the caller may do with it (issue 18). */
  getDpaDocument: {
    method: 'GET',
    path: '/api/processors/:id/dpa-document',
    permission: 'dpa.read',
    status: 200,
    response: dpaDocumentView,
  },
  /**
   * Attaches or replaces the signed DPA: the body is the PDF itself (Content-Type: application/pdf, at most
   * 10 MB, starting with %PDF-), the file's name in `fileName`. Audited.
   */
  uploadDpaDocument: {
    method: 'PUT',
    path: '/api/processors/:id/dpa-document',
    permission: 'dpa.write',
    status: 200,
    query: dpaDocumentUploadQuery,
    response: dpaDocumentView,
    accepts: 'application/pdf',
  },
  removeDpaDocument: {
    method: 'DELETE',
    path: '/api/processors/:id/dpa-document',
    permission: 'dpa.write',
    status: 200,
    response: dpaDocumentView,
  },
  /** The PDF as an attachment (never shown inline). */
  downloadDpaDocument: {
    method: 'GET',
    path: '/api/processors/:id/dpa-document.pdf',
    permission: 'dpa.read',
    status: 200,
    response: null,
    produces: 'application/pdf',
  },
  deletionEditHold: {
    method: 'POST',
    path: '/api/deletion-requests/:id/edit-hold',
    permission: 'deletions.write',
    status: 200,
    body: editHold,
    ifMatch: true,
    response: deletionRequestView,
  },
  deletionRemoveHold: {
    method: 'POST',
    path: '/api/deletion-requests/:id/remove-hold',
    permission: 'deletions.write',
    status: 200,
    body: removeHold,
    ifMatch: true,
    response: deletionRequestView,
  },
  /** Turns the caller's own two-factor off, with their password or a current code (not where REQUIRE_MFA holds them); audited. */
  turnOffMfa: { method: 'POST', path: '/api/me/mfa/turn-off', permission: 'signed_in', status: 200, body: turnOffMfa, response: mfaStatus },
  createPersonErasure: {
    method: 'POST',
    path: '/api/person-erasure-requests',
    permission: 'deletions.write',
    status: 201,
    body: createPersonErasure,
    response: deletionRequestView,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;

type E = typeof endpoints;
/** Endpoints behind a permission (not public, not merely signed in): the ones a record's action can name. */
type GuardedEndpoint = { [K in EndpointName]: E[K]['permission'] extends Permission ? K : never }[EndpointName];

/**
 * The endpoint that performs each action a record answers in its `actions`: the action's permission is
 * that endpoint's, so the answer and the app's check read the same entry of the table.
 */
export const recordActions = {
  processor: {
    edit: 'updateProcessor',
    activate: 'updateProcessor',
    retire: 'updateProcessor',
    configureConnector: 'setProcessorConnector',
    clearConnector: 'clearProcessorConnector',
    testConnector: 'testProcessorConnector',
  },
  settings: { update: 'updateSettings' },
  subject: { revealEmail: 'revealSubjectEmail', recordConsent: 'recordConsent', exportProof: 'exportConsentProof' },
  consentReview: { markReviewed: 'markConsentReviewed' },
  supportAccess: {
    consent: 'supportAccessConsent',
    confirmConsent: 'supportAccessConfirmConsent',
    issueConsentLink: 'supportAccessIssueLink',
    credentials: 'supportAccessCredentials',
    cancel: 'supportAccessCancel',
    approve: 'supportAccessApprove',
    deny: 'supportAccessDeny',
    revoke: 'supportAccessRevoke',
    withdrawConsent: 'supportAccessWithdraw',
    reveal: 'supportAccessReveal',
  },
  deletion: {
    approve: 'deletionApprove',
    reject: 'deletionReject',
    extend: 'deletionExtend',
    hold: 'deletionHold',
    resolveTask: 'deletionResolveTask',
    complete: 'deletionComplete',
    retryTask: 'deletionRetryTask',
    editHold: 'deletionEditHold',
    removeHold: 'deletionRemoveHold',
  },
  account: { cancel: 'cancelAccount', requestDeletion: 'createDeletion' },
  breach: {
    edit: 'updateBreach',
    refreshAffected: 'refreshBreachAffected',
    exportAffected: 'exportBreachAffected',
    assess: 'assessBreach',
    addNotification: 'addBreachNotification',
    editNotification: 'editBreachNotification',
    sendNotification: 'sendBreachNotification',
    close: 'updateBreach',
  },
  userAccount: { confirm: 'confirmUser', resetMfa: 'resetUserMfa' },
  dpaDocument: { upload: 'uploadDpaDocument', remove: 'removeDpaDocument', download: 'downloadDpaDocument' },
} as const satisfies {
  processor: Record<ProcessorActionName, GuardedEndpoint>;
  settings: Record<SettingsActionName, GuardedEndpoint>;
  subject: Record<SubjectActionName, GuardedEndpoint>;
  consentReview: Record<ConsentReviewActionName, GuardedEndpoint>;
  supportAccess: Record<SupportAccessActionName, GuardedEndpoint>;
  deletion: Record<DeletionActionName, GuardedEndpoint>;
  account: Record<AccountActionName, GuardedEndpoint>;
  breach: Record<BreachActionName, GuardedEndpoint>;
  userAccount: Record<UserAccountActionName, GuardedEndpoint>;
  dpaDocument: Record<DpaDocumentActionName, GuardedEndpoint>;
};
export type RecordKind = keyof typeof recordActions;

type PermissionsOf<R extends RecordKind> = { [A in keyof (typeof recordActions)[R]]: Permission };

function permissionsOf<R extends RecordKind>(record: R): PermissionsOf<R> {
  const names: Record<string, GuardedEndpoint> = recordActions[record];
  return Object.fromEntries(Object.entries(names).map(([action, name]) => [action, endpoints[name].permission])) as PermissionsOf<R>;
}

/** Each record action's permission, read from its endpoint. */
export const actionPermissions: { [R in RecordKind]: PermissionsOf<R> } = {
  processor: permissionsOf('processor'),
  settings: permissionsOf('settings'),
  subject: permissionsOf('subject'),
  consentReview: permissionsOf('consentReview'),
  supportAccess: permissionsOf('supportAccess'),
  deletion: permissionsOf('deletion'),
  account: permissionsOf('account'),
  breach: permissionsOf('breach'),
  userAccount: permissionsOf('userAccount'),
  dpaDocument: permissionsOf('dpaDocument'),
};
