import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { roleLabels } from '@/api/contract/roles';
import type { SupportAccessRequest, SupportAccessRequestView } from '@/api/contract/support-access';
import { accessConsentChannelLabels, accessWaitingLabels } from '@/api/contract/support-access';
import { ActionButton } from '@/components/ui/action-button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { formatCompanyTime, formatDateTime, formatRelative, humanize } from '@/lib/format';
import { useZones } from '@/lib/session';
import { actionsPanel, useOffers } from '@/lib/actions';
import { useCurrentUser } from '@/lib/session';
import { supportAccessKeys, supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import { AccessStatusBadge } from '@/features/support-access/components/access-status-badge';
import { Countdown } from '@/features/support-access/components/countdown';
import { Notice } from '@/features/support-access/components/notice';
import {
  ConfirmAction,
  ConsentForm,
  ConsentLinkBox,
  CredentialsForm,
  ReasonAction,
  RefusedAction,
} from '@/features/support-access/components/request-actions';
import { RevealCredentials } from '@/features/support-access/components/reveal-credentials';
import { useNow } from '@/lib/now';

const time = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

/** Whether login details were ever attached: once a grant ends they are destroyed, but the customer should still change them. */
const hadCredentials = (request: SupportAccessRequest) =>
  request.hasCredentials || request.timeline.some((e) => /^Login details (attached|entered|destroyed)/.test(e.action));

function StateSummary({ request, onElapsed }: { request: SupportAccessRequestView; onElapsed: () => void }) {
  const zones = useZones();
  if (request.status === 'pending') {
    return (
      <Notice title={accessWaitingLabels[request.waitingFor ?? 'customer_consent']}>
        <p>
          Expires undecided at <time dateTime={request.decideBy}>{formatCompanyTime(request.decideBy, zones)}</time>:{' '}
          <Countdown until={request.decideBy} onElapsed={onElapsed} suffix="to decide" />
        </p>
        {request.waitingFor === 'customer_consent' ? (
          <p className="mt-1">
            {request.consentOwner?.personName ?? 'The owner'} consents on the consent page
            {request.consentLink?.emailed ? ' (the link was emailed to them)' : ''}; until then the request cannot be approved.
          </p>
        ) : null}
        {request.waitingFor === 'consent_confirmation' ? (
          <p className="mt-1">The agent recorded the consent as an exception: an officer other than the requester must confirm it first.</p>
        ) : null}
      </Notice>
    );
  }
  if (request.status === 'active' && request.grantEndsAt) {
    return (
      <Notice title="Access granted">
        <p>
          {request.scope === 'read' ? 'Read-only' : 'Read and write'} access until{' '}
          <time dateTime={request.grantEndsAt}>{formatCompanyTime(request.grantEndsAt, zones)}</time>:{' '}
          <Countdown until={request.grantEndsAt} onElapsed={onElapsed} />
        </p>
      </Notice>
    );
  }
  const grantOver = request.grantStartsAt !== null && ['ended', 'revoked', 'withdrawn'].includes(request.status);
  if (grantOver && hadCredentials(request)) {
    return (
      <Notice title="Ask the customer to reset the password">
        The grant is over ({humanize(request.status).toLowerCase()}) and the stored login details were destroyed. The customer shared that
        password with us: ask them to change it now.
      </Notice>
    );
  }
  if (request.status === 'denied' && request.denialReason) {
    return <Notice title="Denied">{request.denialReason}</Notice>;
  }
  return null;
}

/** Consent as given: who, when, how, the text they agreed to, and the evidence kept. */
function ConsentDetails({ request }: { request: SupportAccessRequest }): ReactNode {
  const consent = request.consent;
  if (!consent) return `Not given yet${request.consentOwner ? ` (asked: ${request.consentOwner.personName})` : ''}`;
  return (
    <div className="space-y-1">
      <p>
        {consent.personName}, <time dateTime={consent.givenAt}>{formatDateTime(consent.givenAt)}</time>,{' '}
        {accessConsentChannelLabels[consent.channel].toLowerCase()}
        {consent.recordedBy === null ? ' (typed their name)' : ' (recorded by the agent: exception)'}
      </p>
      <q className="block text-gray-700 italic">{consent.quote}</q>
      {consent.shownText ? <p className="text-gray-700">Text shown and agreed to: “{consent.shownText}”</p> : null}
      {consent.exceptionReason ? <p className="text-gray-700">Why not on the consent page: {consent.exceptionReason}</p> : null}
      {consent.recordedBy !== null ? (
        <p className="text-gray-700">
          {consent.confirmedByName && consent.confirmedAt
            ? `Confirmed by ${consent.confirmedByName}, ${formatDateTime(consent.confirmedAt)}`
            : 'Not confirmed by a second officer yet'}
        </p>
      ) : null}
      {consent.userAgent ? <p className="text-xs text-gray-600">Browser: {consent.userAgent}; address kept as a hash only</p> : null}
    </div>
  );
}

function Actions({ request, onReload }: { request: SupportAccessRequestView; onReload: () => void }) {
  const user = useCurrentUser();
  const [link, setLink] = useState(request.issuedConsentLink ?? null);
  const offer = useOffers('supportAccess', request.actions);
  const confirmConsent = offer('confirmConsent');
  const issueLink = offer('issueConsentLink');
  const reveal = offer('reveal');
  const consent = offer('consent');
  const credentials = offer('credentials');
  const approve = offer('approve');
  const deny = offer('deny');
  const revoke = offer('revoke');
  const withdrawConsent = offer('withdrawConsent');
  const cancel = offer('cancel');
  const panel = actionsPanel([reveal, issueLink, consent, confirmConsent, credentials, approve, deny, revoke, withdrawConsent, cancel]);
  const props = { request, onReload };
  if (panel === 'none') {
    return <p className="text-sm text-gray-700">{roleLabels[user.role]}s see everything here and act on nothing.</p>;
  }
  if (panel === 'closed') {
    return <p className="text-sm text-gray-700">Nothing can be done on this request in its current state.</p>;
  }
  return (
    <div className="space-y-6">
      {reveal ? (
        <section aria-labelledby="reveal-heading" className="space-y-3 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
          <h3 id="reveal-heading" className="text-base font-semibold text-gray-900">
            Customer login details
          </h3>
          {reveal.refusal === null ? (
            <RevealCredentials request={request} />
          ) : (
            <ActionButton variant="primary" refusal={reveal.refusal}>
              Reveal login details
            </ActionButton>
          )}
        </section>
      ) : null}
      {link && request.status === 'pending' && request.consent === null ? <ConsentLinkBox link={link} /> : null}
      {issueLink && issueLink.refusal === null ? (
        <ConfirmAction
          {...props}
          action="consent-link"
          label="Issue a new consent link"
          tone="primary"
          title="Issue a new consent link?"
          body="The link sent before stops working."
          refusal={null}
          onLink={setLink}
        />
      ) : null}
      {consent ? (
        consent.refusal === null ? (
          <ConsentForm {...props} />
        ) : (
          <RefusedAction title="Record customer consent" label="Record consent" refusal={consent.refusal} />
        )
      ) : null}
      {credentials ? (
        credentials.refusal === null ? (
          <CredentialsForm {...props} />
        ) : (
          <RefusedAction title="Attach login details" label="Store login details" refusal={credentials.refusal} />
        )
      ) : null}
      <div className="flex flex-wrap items-start gap-4">
        {confirmConsent ? (
          <ConfirmAction
            {...props}
            action="confirm-consent"
            label="Confirm the consent"
            tone="primary"
            title="Confirm the consent the agent recorded?"
            body={<ConsentDetails request={request} />}
            refusal={confirmConsent.refusal}
          />
        ) : null}
        {approve ? (
          <ConfirmAction
            {...props}
            action="approve"
            label="Approve"
            tone="primary"
            title={`Approve access to ${request.accountName}?`}
            body={
              <div className="space-y-2">
                <p>
                  {request.requesterName} gets {request.scope === 'read' ? 'read-only' : 'read and write'} access for{' '}
                  {request.durationHours} hours, starting now (ticket {request.ticketRef}).
                </p>
                <p>Reason: {request.reason}</p>
                <div>
                  <p className="font-medium">Customer consent</p>
                  <ConsentDetails request={request} />
                </div>
              </div>
            }
            refusal={approve.refusal}
          />
        ) : null}
        {deny ? (
          <ReasonAction
            {...props}
            action="deny"
            label="Deny"
            reasonLabel="Reason for denying"
            hint="The agent sees this"
            confirmTitle={`Deny access to ${request.accountName}?`}
            confirmBody="The request ends and the agent sees your reason."
            refusal={deny.refusal}
          />
        ) : null}
        {revoke ? (
          <ReasonAction
            {...props}
            action="revoke"
            label="Revoke access"
            reasonLabel="Reason for revoking"
            hint="The agent sees this; it is in the audit log"
            confirmTitle={`Revoke access to ${request.accountName}?`}
            confirmBody="The grant ends at once and the stored login details are destroyed."
            refusal={revoke.refusal}
          />
        ) : null}
        {withdrawConsent ? (
          <ReasonAction
            {...props}
            action="withdraw-consent"
            label="Record consent withdrawal"
            reasonLabel="How and when the customer withdrew consent"
            hint="For example: “Customer asked by email to stop, 10:40”"
            confirmTitle="Record that the customer withdrew consent?"
            confirmBody="Access ends at once, whatever its state, and the stored login details are destroyed."
            refusal={withdrawConsent.refusal}
          />
        ) : null}
        {cancel ? (
          <ConfirmAction
            {...props}
            action="cancel"
            label="Cancel request"
            tone="danger"
            title="Cancel this request?"
            body="The request closes and any stored login details are destroyed. You can ask again later."
            refusal={cancel.refusal}
          />
        ) : null}
      </div>
    </div>
  );
}

function RequestDetails({ request }: { request: SupportAccessRequestView }) {
  const now = useNow();
  return (
    <DefinitionList
      items={[
        { term: 'Status', value: <AccessStatusBadge status={request.status} waitingFor={request.waitingFor} /> },
        {
          term: 'Account',
          value: (
            <Link to={`/accounts/${request.accountId}`} className={linkClass}>
              {request.accountName}
            </Link>
          ),
        },
        { term: 'Ticket', value: request.ticketRef },
        { term: 'Requester', value: request.requesterName },
        { term: 'Reason', value: request.reason },
        { term: 'Scope', value: request.scope === 'read' ? 'Read only' : 'Read and write' },
        { term: 'Duration', value: `${request.durationHours} ${request.durationHours === 1 ? 'hour' : 'hours'}` },
        { term: 'Created', value: `${time(request.createdAt)} (${formatRelative(request.createdAt, now)})` },
        { term: 'Decide by', value: time(request.decideBy) },
        { term: 'Customer consent', value: <ConsentDetails request={request} /> },
        { term: 'Login details', value: request.hasCredentials ? 'Stored, encrypted' : 'Not stored' },
        {
          term: 'Reveals',
          value: request.reveals.length ? request.reveals.map((v) => `${v.byName}, ${formatDateTime(v.at)}`).join('; ') : 'None',
        },
        { term: 'Decided by', value: request.decidedByName ?? '—' },
        { term: 'Decided', value: time(request.decidedAt) },
        { term: 'Denial reason', value: request.denialReason ?? '—' },
        { term: 'Grant starts', value: time(request.grantStartsAt) },
        { term: 'Grant ends', value: time(request.grantEndsAt) },
        { term: 'Ended', value: request.endedAt ? `${time(request.endedAt)}${request.endReason ? `: ${request.endReason}` : ''}` : '—' },
      ]}
    />
  );
}

function Timeline({ request }: { request: SupportAccessRequest }) {
  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <h2 id="timeline-heading" className="text-lg font-semibold text-gray-900">
        Timeline
      </h2>
      <ol className="space-y-3 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
        {request.timeline.map((entry, index) => (
          <li key={`${entry.at}-${index}`} className="text-sm">
            <time dateTime={entry.at} className="text-gray-600">
              {formatDateTime(entry.at)}
            </time>{' '}
            <span className="font-medium text-gray-900">{entry.actorName}</span>{' '}
            {entry.action.charAt(0).toLowerCase() + entry.action.slice(1)}
            {entry.note ? <span className="block text-gray-700">{entry.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery(supportAccessQueries.detail(id));
  const { refetch } = query;
  const onReload = useCallback(() => void refetch(), [refetch]);
  // The page never decides that time is up: it asks the server, which applies expiry on every request.
  const onElapsed = useCallback(() => void queryClient.invalidateQueries({ queryKey: supportAccessKeys.all }), [queryClient]);
  const request = query.data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/support-access" className={linkClass}>
          ← Support access
        </Link>
      </p>
      <PageHeader
        title={request ? `Access to ${request.accountName}` : 'Support-access request'}
        description={request ? `Ticket ${request.ticketRef}` : undefined}
      />
      <QueryState query={query} loading="Loading the request…">
        {(loaded) => (
          <div className="space-y-8">
            <StateSummary request={loaded} onElapsed={onElapsed} />
            <section aria-labelledby="actions-heading" className="space-y-3">
              <h2 id="actions-heading" className="text-lg font-semibold text-gray-900">
                Actions
              </h2>
              <Actions request={loaded} onReload={onReload} />
            </section>
            <section aria-labelledby="details-heading" className="space-y-3">
              <h2 id="details-heading" className="text-lg font-semibold text-gray-900">
                Details
              </h2>
              <RequestDetails request={loaded} />
            </section>
            <Timeline request={loaded} />
          </div>
        )}
      </QueryState>
    </>
  );
}
