import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import type { RouteModule } from '@/lib/route-module';
import { AppShell } from './app-shell';
import { NotFoundPage, RootErrorBoundary, RouteErrorBoundary } from './error-pages';
import { requireSession } from './require-session';
import { RoleGate } from './role-gate';
import { AppLoading, RootLayout } from './root-layout';

type RouteOptions = { queryClient: QueryClient; demo: boolean };

/** A lazily loaded area: its code is fetched on first visit, its loader warms the query cache. */
function lazyArea(queryClient: QueryClient, load: () => Promise<RouteModule>) {
  return async () => {
    const { Component, createLoader } = await load();
    return { Component, loader: createLoader?.(queryClient) };
  };
}

export function createRoutes({ queryClient, demo }: RouteOptions): RouteObject[] {
  const lazy = (load: () => Promise<RouteModule>) => lazyArea(queryClient, load);
  return [
    {
      id: 'root',
      element: <RootLayout demo={demo} />,
      errorElement: <RootErrorBoundary demo={demo} />,
      HydrateFallback: AppLoading,
      children: [
        {
          path: 'sign-in',
          lazy: async () => {
            const { SignInPage } = await import('./sign-in-page');
            return { element: <SignInPage demo={demo} /> };
          },
        },
        // The customer's consent page: public, no staff session (the link's token is the key).
        { path: 'access-consent/:token', lazy: lazy(() => import('@/features/support-access/routes/access-consent-route')) },
        {
          id: 'app',
          loader: requireSession(queryClient),
          Component: AppShell,
          children: [
            {
              ErrorBoundary: RouteErrorBoundary,
              children: [
                { index: true, lazy: lazy(() => import('@/features/dashboard/routes/dashboard-route')) },
                { path: 'processors', lazy: lazy(() => import('@/features/processors/routes/processors-route')) },
                { path: 'processors/:id', lazy: lazy(() => import('@/features/processors/routes/processor-route')) },
                {
                  element: <RoleGate permission="processors.write" />,
                  children: [
                    { path: 'processors/new', lazy: lazy(() => import('@/features/processors/routes/processor-new-route')) },
                    { path: 'processors/:id/edit', lazy: lazy(() => import('@/features/processors/routes/processor-edit-route')) },
                  ],
                },
                {
                  element: <RoleGate permission="processors.export" />,
                  children: [
                    {
                      path: 'record-of-processing',
                      lazy: lazy(() => import('@/features/processors/routes/record-of-processing-route')),
                    },
                  ],
                },
                { path: 'consents', lazy: lazy(() => import('@/features/consents/routes/consents-route')) },
                {
                  element: <RoleGate permission="consent.read" />,
                  children: [
                    { path: 'consents/review', lazy: lazy(() => import('@/features/consents/routes/consent-review-route')) },
                    { path: 'consents/trends', lazy: lazy(() => import('@/features/consents/routes/consent-trends-route')) },
                  ],
                },
                { path: 'subjects/:id', lazy: lazy(() => import('@/features/consents/routes/subject-route')) },
                { path: 'support-access', lazy: lazy(() => import('@/features/support-access/routes/support-access-route')) },
                {
                  element: <RoleGate permission="access.request" />,
                  children: [
                    { path: 'support-access/new', lazy: lazy(() => import('@/features/support-access/routes/support-access-new-route')) },
                  ],
                },
                { path: 'support-access/:id', lazy: lazy(() => import('@/features/support-access/routes/support-access-detail-route')) },
                {
                  element: <RoleGate permission="deletions.read" />,
                  children: [
                    { path: 'deletions', lazy: lazy(() => import('@/features/deletions/routes/deletions-route')) },
                    { path: 'deletions/:id', lazy: lazy(() => import('@/features/deletions/routes/deletion-route')) },
                    {
                      path: 'deletions/:id/certificate',
                      lazy: lazy(() => import('@/features/deletions/routes/deletion-certificate-route')),
                    },
                  ],
                },
                {
                  element: <RoleGate permission="deletions.write" />,
                  children: [{ path: 'deletions/new', lazy: lazy(() => import('@/features/deletions/routes/deletion-new-route')) }],
                },
                {
                  element: <RoleGate permission="breaches.write" />,
                  children: [{ path: 'breaches/new', lazy: lazy(() => import('@/features/breaches/routes/breach-new-route')) }],
                },
                {
                  element: <RoleGate permission="breaches.read" />,
                  children: [
                    { path: 'breaches', lazy: lazy(() => import('@/features/breaches/routes/breaches-route')) },
                    { path: 'breaches/:id', lazy: lazy(() => import('@/features/breaches/routes/breach-route')) },
                  ],
                },
                {
                  element: <RoleGate permission="audit.read" />,
                  children: [
                    { path: 'audit', lazy: lazy(() => import('@/features/audit/routes/audit-route')) },
                    { path: 'audit/integrity', lazy: lazy(() => import('@/features/audit/routes/audit-chain-route')) },
                  ],
                },
                {
                  element: <RoleGate permission="outbox.read" />,
                  children: [{ path: 'outbox', lazy: lazy(() => import('@/features/outbox/routes/outbox-route')) }],
                },
                {
                  element: <RoleGate permission="tokens.manage" />,
                  children: [{ path: 'api-tokens', lazy: lazy(() => import('@/features/api-tokens/routes/api-tokens-route')) }],
                },
                {
                  element: <RoleGate permission="webhooks.manage" />,
                  children: [{ path: 'webhooks', lazy: lazy(() => import('@/features/webhooks/routes/webhooks-route')) }],
                },
                { path: 'accounts/:id', lazy: lazy(() => import('@/features/accounts/routes/account-route')) },
                { path: 'sessions', lazy: lazy(() => import('./sessions-route')) },
                { path: 'security', lazy: lazy(() => import('./security-route')) },
                {
                  element: <RoleGate permission="staff.read" />,
                  children: [{ path: 'users', lazy: lazy(() => import('./users-route')) }],
                },
                { path: '*', Component: NotFoundPage },
              ],
            },
          ],
        },
      ],
    },
  ];
}
