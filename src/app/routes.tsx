import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import type { LoaderFactory, RouteLoader, RouteModule } from '@/lib/route-module';
import { AppShell } from './app-shell';
import { NotFoundPage, RootErrorBoundary, RouteErrorBoundary } from './error-pages';
import { requireSession } from './require-session';
import { RoleGate } from './role-gate';
import { AppLoading, RootLayout } from './root-layout';

type RouteOptions = { queryClient: QueryClient; demo: boolean };

/** A lazily loaded page: its code is fetched on first visit. */
function lazyPage(load: () => Promise<RouteModule>) {
  return async () => ({ Component: (await load()).Component });
}

export function createRoutes({ queryClient, demo }: RouteOptions): RouteObject[] {
  // A page's loader sits here beside its lazy code, not inside it: the router runs a route's own loader and
  // its lazy() at once, so the page's queries start at navigation while its code downloads. Each area's
  // loaders are a small module of their own (its query options and URL filters), fetched beside the page.
  const page = (load: () => Promise<RouteModule>, loader?: RouteLoader): Pick<RouteObject, 'lazy' | 'loader'> => ({
    lazy: lazyPage(load),
    ...(loader ? { loader } : {}),
  });
  const area =
    <Name extends string>(load: () => Promise<{ loaders: Record<Name, LoaderFactory> }>) =>
    (name: Name): RouteLoader =>
    async (args) =>
      (await load()).loaders[name](queryClient)(args);
  const accountLoaders = area(() => import('@/features/accounts/route-loaders'));
  const apiTokenLoaders = area(() => import('@/features/api-tokens/route-loaders'));
  const auditLoaders = area(() => import('@/features/audit/route-loaders'));
  const breachLoaders = area(() => import('@/features/breaches/route-loaders'));
  const consentLoaders = area(() => import('@/features/consents/route-loaders'));
  const dashboardLoaders = area(() => import('@/features/dashboard/route-loaders'));
  const deletionLoaders = area(() => import('@/features/deletions/route-loaders'));
  const outboxLoaders = area(() => import('@/features/outbox/route-loaders'));
  const processorLoaders = area(() => import('@/features/processors/route-loaders'));
  const supportAccessLoaders = area(() => import('@/features/support-access/route-loaders'));
  const webhookLoaders = area(() => import('@/features/webhooks/route-loaders'));
  const appLoaders = area(() => import('./route-loaders'));
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
        { path: 'access-consent/:token', ...page(() => import('@/features/support-access/routes/access-consent-route')) },
        {
          id: 'app',
          loader: requireSession(queryClient),
          Component: AppShell,
          children: [
            {
              ErrorBoundary: RouteErrorBoundary,
              children: [
                { index: true, ...page(() => import('@/features/dashboard/routes/dashboard-route'), dashboardLoaders('summary')) },
                { path: 'processors', ...page(() => import('@/features/processors/routes/processors-route'), processorLoaders('list')) },
                {
                  path: 'processors/:id',
                  ...page(() => import('@/features/processors/routes/processor-route'), processorLoaders('detail')),
                },
                {
                  element: <RoleGate permission="processors.write" />,
                  children: [
                    { path: 'processors/new', ...page(() => import('@/features/processors/routes/processor-new-route')) },
                    {
                      path: 'processors/:id/edit',
                      ...page(() => import('@/features/processors/routes/processor-edit-route'), processorLoaders('detail')),
                    },
                  ],
                },
                {
                  element: <RoleGate permission="processors.export" />,
                  children: [
                    {
                      path: 'record-of-processing',
                      ...page(
                        () => import('@/features/processors/routes/record-of-processing-route'),
                        processorLoaders('recordOfProcessing'),
                      ),
                    },
                  ],
                },
                { path: 'consents', ...page(() => import('@/features/consents/routes/consents-route'), consentLoaders('list')) },
                {
                  element: <RoleGate permission="consent.read" />,
                  children: [
                    {
                      path: 'consents/review',
                      ...page(() => import('@/features/consents/routes/consent-review-route'), consentLoaders('reviews')),
                    },
                    {
                      path: 'consents/trends',
                      ...page(() => import('@/features/consents/routes/consent-trends-route'), consentLoaders('trends')),
                    },
                  ],
                },
                { path: 'subjects/:id', ...page(() => import('@/features/consents/routes/subject-route'), consentLoaders('subject')) },
                {
                  path: 'support-access',
                  ...page(() => import('@/features/support-access/routes/support-access-route'), supportAccessLoaders('list')),
                },
                {
                  element: <RoleGate permission="access.request" />,
                  children: [
                    { path: 'support-access/new', ...page(() => import('@/features/support-access/routes/support-access-new-route')) },
                  ],
                },
                {
                  path: 'support-access/:id',
                  ...page(() => import('@/features/support-access/routes/support-access-detail-route'), supportAccessLoaders('detail')),
                },
                {
                  element: <RoleGate permission="deletions.read" />,
                  children: [
                    { path: 'deletions', ...page(() => import('@/features/deletions/routes/deletions-route'), deletionLoaders('list')) },
                    {
                      path: 'deletions/:id',
                      ...page(() => import('@/features/deletions/routes/deletion-route'), deletionLoaders('detail')),
                    },
                    {
                      path: 'deletions/:id/certificate',
                      ...page(() => import('@/features/deletions/routes/deletion-certificate-route'), deletionLoaders('certificate')),
                    },
                  ],
                },
                {
                  element: <RoleGate permission="deletions.write" />,
                  children: [{ path: 'deletions/new', ...page(() => import('@/features/deletions/routes/deletion-new-route')) }],
                },
                {
                  element: <RoleGate permission="breaches.write" />,
                  children: [{ path: 'breaches/new', ...page(() => import('@/features/breaches/routes/breach-new-route')) }],
                },
                {
                  element: <RoleGate permission="breaches.read" />,
                  children: [
                    { path: 'breaches', ...page(() => import('@/features/breaches/routes/breaches-route'), breachLoaders('list')) },
                    { path: 'breaches/:id', ...page(() => import('@/features/breaches/routes/breach-route'), breachLoaders('detail')) },
                  ],
                },
                {
                  element: <RoleGate permission="audit.read" />,
                  children: [
                    { path: 'audit', ...page(() => import('@/features/audit/routes/audit-route'), auditLoaders('list')) },
                    { path: 'audit/integrity', ...page(() => import('@/features/audit/routes/audit-chain-route'), auditLoaders('chain')) },
                  ],
                },
                {
                  element: <RoleGate permission="outbox.read" />,
                  children: [{ path: 'outbox', ...page(() => import('@/features/outbox/routes/outbox-route'), outboxLoaders('list')) }],
                },
                {
                  element: <RoleGate permission="tokens.manage" />,
                  children: [
                    { path: 'api-tokens', ...page(() => import('@/features/api-tokens/routes/api-tokens-route'), apiTokenLoaders('list')) },
                  ],
                },
                {
                  element: <RoleGate permission="webhooks.manage" />,
                  children: [
                    { path: 'webhooks', ...page(() => import('@/features/webhooks/routes/webhooks-route'), webhookLoaders('list')) },
                  ],
                },
                { path: 'accounts/:id', ...page(() => import('@/features/accounts/routes/account-route'), accountLoaders('detail')) },
                { path: 'sessions', ...page(() => import('./sessions-route'), appLoaders('sessions')) },
                { path: 'security', ...page(() => import('./security-route'), appLoaders('security')) },
                {
                  element: <RoleGate permission="staff.read" />,
                  children: [{ path: 'users', ...page(() => import('./users-route'), appLoaders('users')) }],
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
