import { z } from 'zod';
import type { Role } from './common';
import { page } from './common';
import { account, accountDetail, accountQuery, accountTimeline, cancelAccount } from './accounts';
import { auditEvent, auditExportQuery, auditQuery, historyQuery } from './audit';
import { companySettings, updateSettings } from './settings';
import {
  consentEvent,
  consentMonthly,
  consentQuery,
  consentReviewItem,
  consentReviewQuery,
  markReviewed,
  recordConsent,
  revealedEmail,
  subjectDetail,
  suppressionQuery,
} from './consent';
import { dashboardSummary } from './dashboard';
import { searchQuery, searchResults } from './search';
import {
  addHold,
  approveDeletion,
  bulkApproveDeletions,
  bulkApproveResult,
  deletionCertificate,
  createDeletion,
  deletionQuery,
  deletionRequest,
  extendDeletion,
  rejectDeletion,
  resolveTask,
} from './deletions';
import { createProcessor, processorDataSummary, processorQuery, processorView, updateProcessor } from './processors';
import {
  attachCredentials,
  createSupportAccess,
  decisionReason,
  recordCustomerConsent,
  revealedCredentials,
  supportAccessQuery,
  supportAccessRequest,
} from './support-access';
import { session, signIn, staffMember, staffQuery } from './users';

export const health = z.object({
  status: z.literal('ok'),
  database: z.enum(['reachable', 'unreachable']),
  mode: z.enum(['demo', 'server']),
});

type Endpoint = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Who may call it; `public` needs no session. */
  roles: readonly Role[] | 'public' | 'any';
  query?: z.ZodType;
  body?: z.ZodType;
  /** Whether the call must carry `If-Match: "<version>"`. */
  ifMatch?: boolean;
  response: z.ZodType | null;
  /** A download rather than JSON. */
  produces?: 'text/csv' | 'text/markdown' | 'text/html' | 'application/json';
};

const all = ['privacy_officer', 'support_agent', 'auditor'] as const;
const officer = ['privacy_officer'] as const;
const officerOrAuditor = ['privacy_officer', 'auditor'] as const;
const officerOrAgent = ['privacy_officer', 'support_agent'] as const;
const agent = ['support_agent'] as const;

/**
 * The one table of the API. The Hono app, the contract tests and the client all read it, so an endpoint
 * exists in all three or in none.
 */
export const endpoints = {
  health: { method: 'GET', path: '/api/health', roles: 'public', response: health },
  signIn: { method: 'POST', path: '/api/session', roles: 'public', body: signIn, response: session },
  currentSession: { method: 'GET', path: '/api/session', roles: 'any', response: session },
  signOut: { method: 'DELETE', path: '/api/session', roles: 'any', response: null },

  listStaff: { method: 'GET', path: '/api/users', roles: officerOrAuditor, query: staffQuery, response: page(staffMember) },

  listProcessors: { method: 'GET', path: '/api/processors', roles: all, query: processorQuery, response: page(processorView) },
  processorHistory: { method: 'GET', path: '/api/processors/:id/history', roles: all, query: historyQuery, response: page(auditEvent) },
  processorDataSummary: { method: 'GET', path: '/api/processors/:id/data-summary', roles: all, response: processorDataSummary },
  exportRegistryCsv: { method: 'GET', path: '/api/exports/processors.csv', roles: officerOrAuditor, response: null, produces: 'text/csv' },
  exportPublicListMarkdown: {
    method: 'GET',
    path: '/api/exports/sub-processors.md',
    roles: all,
    response: null,
    produces: 'text/markdown',
  },
  exportPublicListHtml: { method: 'GET', path: '/api/exports/sub-processors.html', roles: all, response: null, produces: 'text/html' },
  getSettings: { method: 'GET', path: '/api/settings', roles: all, response: companySettings },
  updateSettings: {
    method: 'PATCH',
    path: '/api/settings',
    roles: officer,
    body: updateSettings,
    ifMatch: true,
    response: companySettings,
  },
  getProcessor: { method: 'GET', path: '/api/processors/:id', roles: all, response: processorView },
  createProcessor: { method: 'POST', path: '/api/processors', roles: officer, body: createProcessor, response: processorView },
  updateProcessor: {
    method: 'PATCH',
    path: '/api/processors/:id',
    roles: officer,
    body: updateProcessor,
    ifMatch: true,
    response: processorView,
  },

  listConsentEvents: { method: 'GET', path: '/api/consent-events', roles: all, query: consentQuery, response: page(consentEvent) },
  recordConsent: { method: 'POST', path: '/api/consent-events', roles: officerOrAgent, body: recordConsent, response: consentEvent },
  getSubject: { method: 'GET', path: '/api/subjects/:id', roles: all, response: subjectDetail },
  revealSubjectEmail: { method: 'POST', path: '/api/subjects/:id/reveal-email', roles: officerOrAgent, response: revealedEmail },
  /** One person's complete proof of consent (subject, states, events, notices as shown); audited. */
  exportConsentProof: {
    method: 'GET',
    path: '/api/subjects/:id/proof.json',
    roles: officerOrAuditor,
    response: null,
    produces: 'application/json',
  },
  listConsentReviews: {
    method: 'GET',
    path: '/api/consent-reviews',
    roles: officerOrAuditor,
    query: consentReviewQuery,
    response: page(consentReviewItem),
  },
  markConsentReviewed: {
    method: 'POST',
    path: '/api/consent-reviews/:id',
    roles: officer,
    body: markReviewed,
    response: consentReviewItem,
  },
  consentMonthly: { method: 'GET', path: '/api/consent-stats/monthly', roles: officerOrAuditor, response: consentMonthly },
  /** Current consent per subject and purpose, emails in clear, for suppression in mailing tools; audited. */
  exportSuppressionCsv: {
    method: 'GET',
    path: '/api/exports/consent-suppression.csv',
    roles: officerOrAuditor,
    query: suppressionQuery,
    response: null,
    produces: 'text/csv',
  },

  listSupportAccess: {
    method: 'GET',
    path: '/api/support-access-requests',
    roles: all,
    query: supportAccessQuery,
    response: page(supportAccessRequest),
  },
  getSupportAccess: { method: 'GET', path: '/api/support-access-requests/:id', roles: all, response: supportAccessRequest },
  createSupportAccess: {
    method: 'POST',
    path: '/api/support-access-requests',
    roles: agent,
    body: createSupportAccess,
    response: supportAccessRequest,
  },
  supportAccessConsent: {
    method: 'POST',
    path: '/api/support-access-requests/:id/consent',
    roles: agent,
    body: recordCustomerConsent,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessCredentials: {
    method: 'POST',
    path: '/api/support-access-requests/:id/credentials',
    roles: agent,
    body: attachCredentials,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessCancel: {
    method: 'POST',
    path: '/api/support-access-requests/:id/cancel',
    roles: agent,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessApprove: {
    method: 'POST',
    path: '/api/support-access-requests/:id/approve',
    roles: officer,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessDeny: {
    method: 'POST',
    path: '/api/support-access-requests/:id/deny',
    roles: officer,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessRevoke: {
    method: 'POST',
    path: '/api/support-access-requests/:id/revoke',
    roles: officer,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessWithdraw: {
    method: 'POST',
    path: '/api/support-access-requests/:id/withdraw-consent',
    roles: officerOrAgent,
    body: decisionReason,
    ifMatch: true,
    response: supportAccessRequest,
  },
  supportAccessReveal: { method: 'POST', path: '/api/support-access-requests/:id/reveal', roles: agent, response: revealedCredentials },

  listDeletions: {
    method: 'GET',
    path: '/api/deletion-requests',
    roles: officerOrAuditor,
    query: deletionQuery,
    response: page(deletionRequest),
  },
  bulkApproveDeletions: {
    method: 'POST',
    path: '/api/deletion-requests/bulk-approve',
    roles: officer,
    body: bulkApproveDeletions,
    response: bulkApproveResult,
  },
  deletionCertificate: {
    method: 'GET',
    path: '/api/deletion-requests/:id/certificate',
    roles: officerOrAuditor,
    response: deletionCertificate,
  },
  getDeletion: { method: 'GET', path: '/api/deletion-requests/:id', roles: officerOrAuditor, response: deletionRequest },
  createDeletion: { method: 'POST', path: '/api/deletion-requests', roles: officer, body: createDeletion, response: deletionRequest },
  deletionApprove: {
    method: 'POST',
    path: '/api/deletion-requests/:id/approve',
    roles: officer,
    body: approveDeletion,
    ifMatch: true,
    response: deletionRequest,
  },
  deletionReject: {
    method: 'POST',
    path: '/api/deletion-requests/:id/reject',
    roles: officer,
    body: rejectDeletion,
    ifMatch: true,
    response: deletionRequest,
  },
  deletionExtend: {
    method: 'POST',
    path: '/api/deletion-requests/:id/extend',
    roles: officer,
    body: extendDeletion,
    ifMatch: true,
    response: deletionRequest,
  },
  deletionHold: {
    method: 'POST',
    path: '/api/deletion-requests/:id/hold',
    roles: officer,
    body: addHold,
    ifMatch: true,
    response: deletionRequest,
  },
  deletionResolveTask: {
    method: 'POST',
    path: '/api/deletion-requests/:id/resolve-task',
    roles: officer,
    body: resolveTask,
    ifMatch: true,
    response: deletionRequest,
  },
  deletionComplete: {
    method: 'POST',
    path: '/api/deletion-requests/:id/complete',
    roles: officer,
    ifMatch: true,
    response: deletionRequest,
  },

  listAuditEvents: { method: 'GET', path: '/api/audit-events', roles: officerOrAuditor, query: auditQuery, response: page(auditEvent) },
  /** The filtered events (newest first, at most 10,000) as CSV. */
  exportAuditCsv: {
    method: 'GET',
    path: '/api/exports/audit-events.csv',
    roles: officerOrAuditor,
    query: auditExportQuery,
    response: null,
    produces: 'text/csv',
  },

  dashboard: { method: 'GET', path: '/api/dashboard', roles: all, response: dashboardSummary },
  search: { method: 'GET', path: '/api/search', roles: all, query: searchQuery, response: searchResults },

  listAccounts: { method: 'GET', path: '/api/accounts', roles: all, query: accountQuery, response: page(account) },
  getAccount: { method: 'GET', path: '/api/accounts/:id', roles: all, response: accountDetail },
  accountTimeline: { method: 'GET', path: '/api/accounts/:id/timeline', roles: all, response: accountTimeline },
  cancelAccount: {
    method: 'POST',
    path: '/api/accounts/:id/cancel',
    roles: officer,
    body: cancelAccount,
    response: z.object({ account, deletionRequest }),
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
