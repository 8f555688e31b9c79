import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { roleLabels } from '@/api/contract/roles';
import { Button } from '@/components/ui/button';
import { focusRing } from '@/components/ui/classes';
import { signOut, signOutEverywhere, useSession } from '@/lib/session';
import { areasFor } from './nav-areas';
import { useShortcuts } from './shortcuts';
import { ThemeSwitch } from './theme-switch';

/** Loaded when first opened: it brings the search schema (and zod) with it. */
const QuickFind = lazy(() => import('./quick-find').then((m) => ({ default: m.QuickFind })));
/** Loaded when first asked for: most visits never open it. */
const ShortcutsHelp = lazy(() => import('./shortcuts-help').then((m) => ({ default: m.ShortcutsHelp })));

function navClass({ isActive }: { isActive: boolean }): string {
  const state = isActive ? 'bg-indigo-50 text-indigo-800' : 'text-gray-700 hover:bg-gray-100 hover:text-gray-900';
  return `block rounded-md px-3 py-2 text-sm font-medium ${state} ${focusRing}`;
}

function SignOutButtons() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const leave = (how: typeof signOut) => () => how(queryClient, () => navigate('/sign-in', { replace: true }));
  return (
    <>
      <Button variant="secondary" className="w-full" onClick={() => void leave(signOut)()}>
        Sign out
      </Button>
      <Button variant="ghost" className="w-full px-0 lg:px-0" onClick={() => void leave(signOutEverywhere)()}>
        Sign out everywhere
      </Button>
    </>
  );
}

/** Moves focus to the page after a navigation, so keyboard and screen reader users start at its top. */
function useFocusOnNavigate() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Scrolling is ScrollRestoration's: top on a new page, the old place on Back.
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  return mainRef;
}

export function AppShell() {
  const session = useSession();
  const { user } = session;
  const navigation = useNavigation();
  const mainRef = useFocusOnNavigate();
  const { pathname } = useLocation();
  const loading = navigation.state === 'loading';
  const [finding, setFinding] = useState(false);
  const [helping, setHelping] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  // A chosen page closes the phone's menu, so the page is what one sees.
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  const openQuickFind = () => {
    setHelping(false);
    setFinding(true);
  };
  useShortcuts({ session, onQuickFind: openQuickFind, onHelp: () => setHelping(true) });

  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-800 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-indigo-600"
      >
        Skip to main content
      </a>
      <div className="lg:flex">
        <header className="sticky top-0 z-30 border-b border-gray-200 bg-white lg:flex lg:h-screen lg:w-64 lg:shrink-0 lg:flex-col lg:overflow-y-auto lg:border-r lg:border-b-0">
          <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 lg:px-5 lg:pt-4 lg:pb-3">
            <p className="text-base font-semibold tracking-tight text-gray-900 lg:w-full lg:pb-2">Privacy Console</p>
            <div className="flex items-center gap-2 lg:w-full">
              <Button className="py-1 lg:w-full lg:justify-between lg:py-2" onClick={openQuickFind} aria-keyshortcuts="Control+K Meta+K">
                <span>Quick find</span>
                <kbd aria-hidden="true" className="hidden rounded border border-gray-300 px-1 font-mono text-xs text-gray-600 lg:inline">
                  Ctrl K
                </kbd>
              </Button>
              <Button
                className="py-1 lg:hidden"
                aria-expanded={menuOpen}
                aria-controls={menuId}
                onClick={() => setMenuOpen((open) => !open)}
              >
                {menuOpen ? 'Close menu' : 'Menu'}
              </Button>
            </div>
          </div>
          {/* Phones: the navigation and account controls fold under the menu button; wide screens: a sidebar. */}
          <div
            id={menuId}
            className={`${menuOpen ? 'block' : 'hidden'} max-h-[calc(100dvh-3rem)] overflow-y-auto lg:flex lg:max-h-none lg:flex-1 lg:flex-col lg:overflow-visible`}
          >
            <nav aria-label="Main" className="px-2 pb-3 lg:flex-1 lg:px-3">
              <ul className="grid grid-cols-2 gap-1 lg:flex lg:flex-col">
                {areasFor(session).map((area) => (
                  <li key={area.to}>
                    <NavLink to={area.to} end={area.to === '/'} className={navClass}>
                      {area.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="space-y-3 border-t border-gray-200 px-4 py-3 lg:px-5 lg:py-4">
              <div className="text-sm">
                <p className="font-medium text-gray-900">{user.name}</p>
                <p className="text-gray-600">{roleLabels[user.role]}</p>
              </div>
              <div className="flex flex-wrap items-center gap-3 lg:block lg:space-y-3">
                <ThemeSwitch />
                <Button variant="ghost" className="px-0 lg:px-0" onClick={() => setHelping(true)} aria-keyshortcuts="?">
                  Keyboard shortcuts
                </Button>
                <NavLink to="/security" className={navClass}>
                  Security
                </NavLink>
                <NavLink to="/sessions" className={navClass}>
                  Your sessions
                </NavLink>
              </div>
              <div className="flex gap-3 lg:block lg:space-y-3">
                <SignOutButtons />
              </div>
            </div>
          </div>
        </header>
        <div className="min-w-0 flex-1">
          <div className={`h-0.5 ${loading ? 'animate-pulse bg-indigo-600' : 'bg-transparent'}`} aria-hidden="true" />
          <main
            id="main"
            ref={mainRef}
            tabIndex={-1}
            aria-busy={loading || undefined}
            className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8"
          >
            {session.mfaSetupRequired && pathname !== '/security' ? <Navigate to="/security" replace /> : <Outlet />}
          </main>
        </div>
      </div>
      {finding ? (
        <Suspense fallback={null}>
          <QuickFind open={finding} onClose={() => setFinding(false)} />
        </Suspense>
      ) : null}
      {helping ? (
        <Suspense fallback={null}>
          <ShortcutsHelp open={helping} onClose={() => setHelping(false)} session={session} />
        </Suspense>
      ) : null}
    </>
  );
}
