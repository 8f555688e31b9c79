import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { buttonVariants, linkClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { Toaster } from '@/components/ui/toaster';
import { DemoBannerSlot } from './root-layout';

function describe(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error) && error.status === 404) {
    return { title: 'Page not found', detail: 'There is nothing at this address.' };
  }
  return {
    title: 'Something went wrong',
    detail: 'This page failed to load. Try again, or go back to the dashboard. If it keeps happening, tell the console team.',
  };
}

function ErrorContent({ error }: { error: unknown }) {
  const { title, detail } = describe(error);
  return (
    <div>
      <PageHeader title={title} description={detail} />
      <div className="flex flex-wrap gap-3">
        <Link to="/" className={buttonVariants.primary}>
          Back to the dashboard
        </Link>
        <button type="button" className={buttonVariants.secondary} onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    </div>
  );
}

/** A page inside the shell failed: the navigation stays, the page area explains and offers a way back. */
export function RouteErrorBoundary() {
  return <ErrorContent error={useRouteError()} />;
}

/** The shell itself failed (or no session could be checked): a whole page of its own. */
export function RootErrorBoundary({ demo }: { demo: boolean }) {
  const error = useRouteError();
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      <DemoBannerSlot demo={demo} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-12">
        <ErrorContent error={error} />
      </main>
      <Toaster />
    </div>
  );
}

export function NotFoundPage() {
  return (
    <div>
      <PageHeader
        title="Page not found"
        description="There is nothing at this address. The link may be wrong, or the page may have moved."
      />
      <Link to="/" className={linkClass}>
        Go to the dashboard
      </Link>
    </div>
  );
}
