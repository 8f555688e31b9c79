import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { focusable, trapTab } from './focus-trap';

type DialogProps = {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** What takes focus on opening; the dialog's first focusable element when left out. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Shows the title only to assistive technology (the content names itself visibly). */
  hideTitle?: boolean;
  className?: string;
};

/**
 * A modal window. Focus moves in on opening, stays inside (Tab wraps), Escape or a click on the
 * backdrop closes it, and focus goes back to what opened it.
 */
export function Dialog({ open, title, onClose, children, initialFocus, hideTitle = false, className = 'max-w-lg' }: DialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = initialFocus?.current ?? dialogRef.current?.querySelector<HTMLElement>(focusable) ?? dialogRef.current;
    first?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [open, initialFocus]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    trapTab(event, dialogRef.current);
  };

  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-gray-900/50 p-4 pt-[12vh]"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className={`w-full rounded-lg bg-white p-5 shadow-xl outline-none ${className}`}
      >
        <h2 id={titleId} className={hideTitle ? 'sr-only' : 'mb-3 text-lg font-semibold text-gray-900'}>
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
