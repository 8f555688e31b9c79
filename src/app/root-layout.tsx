import { Outlet, ScrollRestoration } from 'react-router';
import { Toaster } from '@/components/ui/toaster';
import { DemoBanner } from './demo-banner';

export function RootLayout({ demo }: { demo: boolean }) {
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      {demo ? <DemoBanner /> : null}
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
