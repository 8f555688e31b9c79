import type { ComponentPropsWithRef } from 'react';
import { useId } from 'react';
import { focusRing } from './classes';

type TextAreaFieldProps = ComponentPropsWithRef<'textarea'> & { label: string; error?: string; hint?: string };

/** A multi-line field styled and wired (hint, error, aria) like the design system's TextField. */
export function TextAreaField({ label, error, hint, id, className = '', ...props }: TextAreaFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  const described = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <textarea
        id={fieldId}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        className={`block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-sm text-gray-900 shadow-xs aria-invalid:border-red-600 ${focusRing} ${className}`}
        {...props}
      />
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${fieldId}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
