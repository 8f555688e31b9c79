import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useId } from 'react';
import { focusRing } from './classes';

const control = `block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-sm text-gray-900 shadow-xs aria-invalid:border-red-600 ${focusRing}`;

type FieldFrameProps = { id: string; label: string; error?: string; hint?: string; children: ReactNode };

function FieldFrame({ id, label, error, hint, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type TextFieldProps = ComponentPropsWithRef<'input'> & { label: string; error?: string; hint?: string };

export function TextField({ label, error, hint, id, className = '', ...props }: TextFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} error={error} hint={hint}>
      <input
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        className={`${control} ${className}`}
        {...props}
      />
    </FieldFrame>
  );
}

/** A choice; options that name a `group` are listed under it (an optgroup), in the order given. */
type Option = { value: string; label: string; group?: string };

function optionGroups(options: readonly Option[]): [string | undefined, Option[]][] {
  const groups: [string | undefined, Option[]][] = [];
  for (const option of options) {
    const last = groups.at(-1);
    if (last && last[0] === option.group) last[1].push(option);
    else groups.push([option.group, [option]]);
  }
  return groups;
}

function OptionList({ options }: { options: readonly Option[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

type SelectFieldProps = ComponentPropsWithRef<'select'> & {
  label: string;
  options: readonly Option[];
  /** The label of the empty choice ("Any status"); none when the field must have a value. */
  emptyLabel?: string;
  error?: string;
};

export function SelectField({ label, options, emptyLabel, error, id, className = '', ...props }: SelectFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} error={error}>
      <select
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error)}
        className={`${control} ${className}`}
        {...props}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {optionGroups(options).map(([group, members]) =>
          group === undefined ? (
            <OptionList key={members[0]?.value} options={members} />
          ) : (
            <optgroup key={group} label={group}>
              <OptionList options={members} />
            </optgroup>
          ),
        )}
      </select>
    </FieldFrame>
  );
}

type CheckboxFieldProps = Omit<ComponentPropsWithRef<'input'>, 'type'> & { label: string };

export function CheckboxField({ label, id, ...props }: CheckboxFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className="flex items-center gap-2">
      <input id={fieldId} type="checkbox" className={`size-4 rounded border-gray-400 text-indigo-700 ${focusRing}`} {...props} />
      <label htmlFor={fieldId} className="text-sm text-gray-900">
        {label}
      </label>
    </div>
  );
}
