import { lazy, Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { Toaster } from '@/components/ui/toaster';

/** Only the demo build shows it: the server's console does not load its code. */
const DemoBanner = lazy(() => import('./demo-banner').then((m) => ({ default: m.DemoBanner })));

export function DemoBannerSlot({ demo }: { demo: boolean }) {
  return demo ? (
    <Suspense fallback={null}>
      <DemoBanner />
    </Suspense>
  ) : null;
}

export function RootLayout({ demo }: { demo: boolean }) {
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      <DemoBannerSlot demo={demo} />
      <Outlet />
      <Toaster />
      {/* A new page opens at the top; Back and Forward return to where the reader was. */}
      <ScrollRestoration />
    </div>
  );
}

/** Shown while the first page's loaders run. */
export function AppLoading() {
  return (
    <main className="flex min-h-screen items-center justify-center" aria-busy="true">
      <p role="status" className="text-sm text-gray-600">
        Loading the console…
      </p>
    </main>
  );
}
