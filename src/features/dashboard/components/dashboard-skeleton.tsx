import { Skeleton } from '@/components/ui/skeleton';

/** The dashboard's shape while its figures are counted. */
export function DashboardSkeleton() {
  return (
    <div aria-busy="true" className="space-y-8">
      <p role="status" className="sr-only">
        Loading the dashboard…
      </p>
      {[4, 4, 2].map((cards, section) => (
        <div key={section} className="space-y-3" aria-hidden="true">
          <Skeleton className="h-5 w-40" />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {Array.from({ length: cards }, (_, card) => (
              <div key={card} className="space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-xs">
                <Skeleton className="h-8 w-16" />
                <Skeleton className="h-4 w-3/4" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
