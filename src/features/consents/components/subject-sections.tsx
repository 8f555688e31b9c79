import type { MouseEvent } from 'react';
import type { ConsentEvent, Notice, PurposeState } from '@/api/contract/consent';
import { consentPurposeLabels } from '@/api/contract/consent';
import { focusRing, linkClass } from '@/components/ui/classes';
import { DownloadLink } from '@/components/ui/download-link';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatDateTime, humanize } from '@/lib/format';
import { ConsentActionBadge, ConsentStateBadge } from './consent-labels';

function DateTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** Where a notice stands in the page, so an event can link to the text the person saw. */
function noticeAnchor(hash: string): string {
  return `notice-${hash.slice(0, 16)}`;
}

export function StatesTable({ states }: { states: readonly PurposeState[] }) {
  return (
    <Table caption="Current consent by purpose">
      <THead>
        <Th>Purpose</Th>
        <Th>State</Th>
        <Th>Since</Th>
        <Th>Consent valid</Th>
      </THead>
      <TBody>
        {states.map((state) => (
          <tr key={state.purpose}>
            <Td>{consentPurposeLabels[state.purpose]}</Td>
            <Td>
              <ConsentStateBadge state={state.state} />
            </Td>
            <Td className="whitespace-nowrap">{state.since ? <DateTime iso={state.since} /> : '—'}</Td>
            <Td>
              {state.periods.length === 0 ? (
                'Never'
              ) : (
                <ul className="space-y-1">
                  {state.periods.map((period) => (
                    <li key={period.from} className="whitespace-nowrap">
                      <DateTime iso={period.from} /> – {period.to ? <DateTime iso={period.to} /> : 'now'}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function recordedByText(event: ConsentEvent): string {
  return event.recordedBy.kind === 'subject' ? 'the person themselves' : `${event.recordedBy.name} (staff) on their behalf`;
}

function evidenceText(event: ConsentEvent): string {
  if (!event.evidence || (!event.evidence.userAgent && !event.evidence.ipHash)) return 'none kept';
  const parts = [
    event.evidence.userAgent ? `browser “${event.evidence.userAgent}”` : null,
    event.evidence.ipHash ? 'IP address hash' : null,
  ];
  return parts.filter(Boolean).join(', ');
}

/** Opens the notice's text and takes focus there, rather than leaving the router to handle a hash. */
function openNotice(click: MouseEvent<HTMLAnchorElement>, hash: string) {
  const details = document.getElementById(noticeAnchor(hash));
  if (!(details instanceof HTMLDetailsElement)) return;
  click.preventDefault();
  details.open = true;
  details.querySelector('summary')?.focus();
}

/** Every event of one person, newest first, with what proves it. */
/** One event's receipt: readable, and as Kantara v1.1 and ISO/IEC TS 27560 JSON. */
function ReceiptLinks({ event }: { event: ConsentEvent }) {
  const base = `/api/consent-events/${event.id}`;
  const what = `the receipt of ${event.id}`;
  return (
    <nav aria-label={`Receipts of ${event.id}`} className="mt-3 flex flex-wrap gap-2">
      <DownloadLink href={`${base}/receipt.html`} filename={`consent-receipt-${event.id}.html`} what={what} variant="ghost">
        Receipt (readable)
      </DownloadLink>
      <DownloadLink href={`${base}/receipt.json`} filename={`consent-receipt-${event.id}.json`} what={what} variant="ghost">
        Kantara receipt (JSON)
      </DownloadLink>
      <DownloadLink href={`${base}/record-27560.json`} filename={`consent-record-27560-${event.id}.json`} what={what} variant="ghost">
        ISO 27560 record (JSON)
      </DownloadLink>
    </nav>
  );
}

export function ConsentTimeline({
  events,
  notices,
  receipts = false,
}: {
  events: readonly ConsentEvent[];
  notices: readonly Notice[];
  /** Whether the reader may download each event's receipts (consent.read). */
  receipts?: boolean;
}) {
  const known = new Set(notices.map((n) => n.hash));
  const sorted = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id));
  return (
    <ol aria-label="Consent history, newest first" className="relative space-y-4 border-l-2 border-gray-200 pl-6">
      {sorted.map((event) => (
        <li key={event.id} className="relative">
          <span
            aria-hidden="true"
            className={`absolute top-1.5 -left-[31px] size-3 rounded-full ring-4 ring-white ${event.action === 'granted' ? 'bg-green-600' : 'bg-gray-500'}`}
          />
          <article
            aria-label={`${event.action === 'granted' ? 'Granted' : 'Withdrawn'}: ${consentPurposeLabels[event.purpose]}`}
            className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
          >
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <ConsentActionBadge action={event.action} />
              <span className="font-medium text-gray-900">{consentPurposeLabels[event.purpose]}</span>
              <span className="text-gray-600">
                <DateTime iso={event.occurredAt} />
              </span>
            </div>
            <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-gray-600">Channel</dt>
              <dd className="text-gray-900">{humanize(event.channel)}</dd>
              <dt className="text-gray-600">Notice</dt>
              <dd className="text-gray-900">
                {known.has(event.noticeHash) ? (
                  <a
                    href={`#${noticeAnchor(event.noticeHash)}`}
                    className={linkClass}
                    onClick={(click) => openNotice(click, event.noticeHash)}
                  >
                    Version {event.noticeVersion}
                  </a>
                ) : (
                  `Version ${event.noticeVersion}`
                )}
              </dd>
              <dt className="text-gray-600">Recorded by</dt>
              <dd className="text-gray-900">
                {recordedByText(event)}, <DateTime iso={event.recordedAt} />
              </dd>
              <dt className="text-gray-600">Evidence</dt>
              <dd className="break-words text-gray-900">{evidenceText(event)}</dd>
              {event.note ? (
                <>
                  <dt className="text-gray-600">Note</dt>
                  <dd className="whitespace-pre-wrap text-gray-900">{event.note}</dd>
                </>
              ) : null}
            </dl>
            {receipts ? <ReceiptLinks event={event} /> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

/** The notice texts this person was shown, stored once per version and identified by their SHA-256. */
export function NoticeTexts({ notices }: { notices: readonly Notice[] }) {
  const sorted = [...notices].sort((a, b) => a.purpose.localeCompare(b.purpose) || a.publishedAt.localeCompare(b.publishedAt));
  return (
    <div className="space-y-2">
      {sorted.map((notice) => (
        <details key={notice.hash} id={noticeAnchor(notice.hash)} className="rounded-lg border border-gray-200 bg-white shadow-xs">
          <summary className={`cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-gray-900 ${focusRing}`}>
            {consentPurposeLabels[notice.purpose]}, version {notice.version}{' '}
            <span className="font-normal text-gray-600">
              (published <DateTime iso={notice.publishedAt} />)
            </span>
          </summary>
          <div className="space-y-2 border-t border-gray-200 px-4 py-3 text-sm">
            <blockquote className="border-l-4 border-gray-300 pl-3 whitespace-pre-wrap text-gray-900">{notice.text}</blockquote>
            <p className="text-xs break-all text-gray-600">
              SHA-256 <span className="font-mono">{notice.hash}</span>
            </p>
          </div>
        </details>
      ))}
    </div>
  );
}
