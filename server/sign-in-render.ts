// First: the globals the console's modules read as they load.
import './browser-globals';
import { createElement, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { SignInScreenData } from '@/app/sign-in-screen';
import { SignInScreen } from '@/app/sign-in-screen';
import { SERVER_RENDERED } from '@/lib/server-rendered';

/**
 * The sign-in screen as HTML, from the same component and data the browser then hydrates (src/main.tsx):
 * the first page of a visit paints its form before any script has run.
 */
export function renderSignIn(data: SignInScreenData): string {
  // createElement, not JSX: the server's files are not compiled as the browser's (tsconfig.json covers src/).
  return renderToString(createElement(StrictMode, null, createElement(SignInScreen, { data, onSignedIn: () => Promise.resolve() })));
}

const ROOT = /<div id="root">[\s\S]*?<\/div>/;
const TITLE = /<title>[^<]*<\/title>/;

/**
 * index.html with `markup` in place of its loading placeholder, marked for hydration. React writes a page's
 * `<title>` where the page renders it; here it goes where a title belongs, in place of the head's.
 */
export function withRootMarkup(html: string, markup: string): string {
  if (!ROOT.test(html)) return html;
  const title = TITLE.exec(markup)?.[0];
  const page = title ? html.replace(TITLE, () => title) : html;
  const body = title ? markup.replace(title, '') : markup;
  return page.replace(ROOT, () => `<div id="root" ${SERVER_RENDERED}="">${body}</div>`);
}

/**
 * `#root` holding a console page the server drew, marked for hydration and inert until then (a click or
 * key before the page's script has taken over would do nothing; inert, it reaches nothing), with the instant
 * it was drawn as of (src/lib/now.ts). The page's `<title>` goes just before `#root`, outside what React
 * hydrates: the head has already gone to the browser without one (`withoutTitle`), and a document's title is
 * its first `<title>`, wherever it stands. React puts its own into the head as it takes the page over.
 * `fallbackTitle` stands in when the page names none.
 */
export function withConsoleMarkup(html: string, markup: string, drawnAt: number, fallbackTitle = ''): string {
  if (!ROOT.test(html)) return html;
  const title = TITLE.exec(markup)?.[0] ?? fallbackTitle;
  const body = markup.replace(TITLE, '');
  return html.replace(ROOT, () => `${title}<div id="root" ${SERVER_RENDERED}="${drawnAt}" inert="">${body}</div>`);
}

/** A page's first part without its `<title>`, and that title, for the part that follows to carry (see above). */
export function withoutTitle(head: string): { head: string; title: string } {
  const title = TITLE.exec(head)?.[0] ?? '';
  return { head: title ? head.replace(TITLE, '') : head, title };
}
