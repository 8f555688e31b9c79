import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ConsentReviewItem } from '@/api/contract/consent';
import { consentPurposeOptions, reviewReasonHelp, reviewReasonLabels, reviewReasons } from '@/api/contract/consent';
import { focusRing, linkClass } from '@/components/ui/classes';
import { SelectField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { mayEver } from '@/lib/actions';
import { useSession } from '@/lib/session';
import { can } from '@/lib/can';
import { EmailExportLink } from '@/components/ui/email-export-link';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { MarkReviewedDialog } from '@/features/consents/components/mark-reviewed-dialog';
import { ReviewGroups } from '@/features/consents/components/review-groups';
import { ReviewTable } from '@/features/consents/components/review-table';
import type { ReviewSearch } from '@/features/consents/consent-search';
import { reviewSearch } from '@/features/consents/consent-search';

/** The same filters under the other tab; "open" is the default and stays out of the URL. */
function tabLink(search: ReviewSearch, status: ReviewSearch['status']): { pathname: string; search: string } {
  const params = new URLSearchParams();
  if (status !== 'open') params.set('status', status);
  if (search.reason) params.set('reason', search.reason);
  if (search.purpose) params.set('purpose', search.purpose);
  const query = params.toString();
  return { pathname: '/consents/review', search: query ? `?${query}` : '' };
}

function StatusTabs({ search }: { search: ReviewSearch }) {
  const tabs = [
    { status: 'open', label: 'Open' },
    { status: 'reviewed', label: 'Reviewed' },
  ] as const;
  return (
    <nav aria-label="Queue status" className="mb-4 flex gap-1 border-b border-gray-200">
      {tabs.map((tab) => {
        const current = search.status === tab.status;
        return (
          <Link
            key={tab.status}
            to={tabLink(search, tab.status)}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px rounded-t-md border-b-2 px-4 py-2 text-sm font-medium ${focusRing} ${
              current ? 'border-indigo-700 text-indigo-800' : 'border-transparent text-gray-700 hover:text-gray-900'
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function Component() {
  const session = useSession();
  const reviewer = mayEver(session, 'consentReview', 'markReviewed');
  const [search, setSearch] = useSearchState(reviewSearch);
  const list = usePagedList(useInfiniteQuery(consentQueries.reviews(search)));
  const [selected, setSelected] = useState<ConsentReviewItem | null>(null);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/consents" className={linkClass}>
          ← Consent records
        </Link>
      </p>
      <PageHeader
        title="Consent review queue"
        description={
          reviewer
            ? "People's current consent that needs a look. Mark an item reviewed with a note of what you found or did; a newer event of the person replaces it."
            : "People's current consent that needs a look, and the reviews officers made. Read-only for your role."
        }
      />
      <details className="mb-4 rounded-lg border border-gray-200 bg-white text-sm shadow-xs">
        <summary className={`cursor-pointer rounded-lg px-4 py-3 font-medium text-gray-900 ${focusRing}`}>What the reasons mean</summary>
        <dl className="space-y-2 border-t border-gray-200 px-4 py-3">
          {reviewReasons.map((reason) => (
            <div key={reason}>
              <dt className="font-medium text-gray-900">{reviewReasonLabels[reason]}</dt>
              <dd className="text-gray-700">{reviewReasonHelp[reason]}</dd>
            </div>
          ))}
        </dl>
      </details>
      {can(session, 'consent.export') ? (
        <div className="mb-4 space-y-2 text-sm text-gray-700">
          <p>
            Re-consent list: people whose marketing consent is older than 24 months or was given under a replaced notice; the download is
            audited.
          </p>
          <EmailExportLink
            href="/api/exports/re-consent.csv"
            filename="re-consent.csv"
            what="the re-consent list"
            canClear={can(session, 'exports.clear_emails')}
          >
            Re-consent list (CSV)
          </EmailExportLink>
        </div>
      ) : null}
      <StatusTabs search={search} />
      {search.status === 'open' ? <ReviewGroups reviewer={reviewer} /> : null}
      <FilterBar
        label="Filter the review queue"
        active={Boolean(search.reason || search.purpose)}
        onClear={() => setSearch({ reason: undefined, purpose: undefined })}
      >
        <SelectField
          label="Reason"
          emptyLabel="Any reason"
          value={search.reason ?? ''}
          options={reviewReasons.map((value) => ({ value, label: reviewReasonLabels[value] }))}
          onChange={(event) => setSearch({ reason: event.target.value })}
        />
        <SelectField
          label="Purpose"
          emptyLabel="Any purpose"
          value={search.purpose ?? ''}
          options={consentPurposeOptions}
          onChange={(event) => setSearch({ purpose: event.target.value })}
        />
      </FilterBar>
      <ListState
        list={list}
        loading="Loading the review queue…"
        noun="items"
        empty={{
          title: search.status === 'open' ? 'Nothing to review' : 'No reviews yet',
          hint: search.reason || search.purpose ? 'Clear a filter to see more.' : null,
        }}
      >
        {(items) => <ReviewTable items={items} status={search.status} onMarkReviewed={reviewer ? setSelected : undefined} />}
      </ListState>
      {reviewer ? <MarkReviewedDialog item={selected} onClose={() => setSelected(null)} /> : null}
    </>
  );
}
