import type { ComponentPropsWithRef } from 'react';
import { useId } from 'react';
import { Button } from './button';
import type { ButtonVariant } from './classes';

type ActionButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: ButtonVariant;
  /** Why the action is refused now; the button is disabled and this is shown under it, as its description. */
  refusal: string | null;
};

/**
 * A button for an action that may be refused: when it is, the button stays in place, disabled, with the
 * reason beside it in words, so the reader (and a screen reader, through the description) learns why.
 */
export function ActionButton({ refusal, disabled, 'aria-describedby': describedBy, ...props }: ActionButtonProps) {
  const reasonId = useId();
  if (refusal === null) return <Button disabled={disabled} aria-describedby={describedBy} {...props} />;
  return (
    <div className="space-y-1">
      <Button {...props} disabled aria-describedby={describedBy ? `${reasonId} ${describedBy}` : reasonId} />
      <p id={reasonId} className="max-w-prose text-sm text-gray-700">
        {refusal}
      </p>
    </div>
  );
}
