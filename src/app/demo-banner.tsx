import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { request } from '@/lib/api-client';
import { getSessionTransport } from '@/lib/session-transport';
import { toasts } from '@/lib/toast';

/** On every page of the demo build: the data is made up, and can be put back as it was. */
export function DemoBanner() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const reset = async () => {
    setBusy(true);
    try {
      await request('/api/demo/reset', { method: 'POST', schema: null });
      queryClient.clear();
      getSessionTransport().clear();
      setConfirming(false);
      await navigate('/sign-in');
      toasts.show('Demo data was reset. Sign in again.', 'success');
    } catch {
      toasts.show('The demo data could not be reset. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Demo mode" className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-xs text-amber-950 sm:py-2 sm:text-sm">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-2">
        <p>
          <strong className="font-semibold">Demo.</strong> Every person, account and record here is synthetic. Changes stay in this browser.
        </p>
        <Button className="shrink-0 py-1" onClick={() => setConfirming(true)}>
          Reset demo data
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Reset the demo data?"
        confirmLabel="Reset demo data"
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void reset()}
      >
        Every change made in this browser is discarded and the original synthetic data comes back. You will be signed out.
      </ConfirmDialog>
    </section>
  );
}
