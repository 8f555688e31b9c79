import type { ReactNode } from 'react';
import { useId } from 'react';

type SectionProps = {
  title: string;
  description?: string;
  /** The heading's id, when something links to it; one is made otherwise. */
  id?: string;
  children?: ReactNode;
};

/** A part of a page under its own second-level heading, which names the section for assistive technology. */
export function Section({ title, description, id, children }: SectionProps) {
  const generated = useId();
  const headingId = id ?? generated;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h2 id={headingId} className="text-lg font-semibold text-gray-900">
          {title}
        </h2>
        {description ? <p className="text-sm text-gray-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
