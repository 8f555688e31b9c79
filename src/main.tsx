import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { ConsoleApp, createConsole } from './app/create-console';
import './index.css';

async function start() {
  if (__DEMO__) {
    // Before the first request: the demo answers /api inside the page. A dynamic import keeps msw and
    // the in-page API out of the production bundle.
    await (await import('./demo/start-worker')).startDemo();
  }
  const { queryClient, router } = createConsole({ demo: __DEMO__, createRouter: (routes) => createBrowserRouter(routes) });
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ConsoleApp queryClient={queryClient} router={router} />
    </StrictMode>,
  );
}

void start();
