import { useSyncExternalStore } from 'react';

type Toast = { id: number; tone: 'error' | 'success'; message: string };

type Listener = () => void;

/** A tiny store so that code outside React (the query cache's error handler) can raise a toast. */
function createToastStore(autoDismissMs = 8000) {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<Listener>();
  const emit = () => listeners.forEach((listener) => listener());

  const dismiss = (id: number) => {
    toasts = toasts.filter((toast) => toast.id !== id);
    emit();
  };

  return {
    show(message: string, tone: Toast['tone'] = 'error') {
      // The same failure from several queries at once is one message, not a stack of them.
      if (toasts.some((toast) => toast.message === message)) return;
      const id = nextId++;
      toasts = [...toasts, { id, tone, message }];
      emit();
      if (autoDismissMs > 0) setTimeout(() => dismiss(id), autoDismissMs);
    },
    dismiss,
    subscribe: (listener: Listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    snapshot: () => toasts,
  };
}

export const toasts = createToastStore();

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(toasts.subscribe, toasts.snapshot, toasts.snapshot);
}
