import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const tones: Record<BadgeTone, string> = {
  neutral: 'bg-gray-100 text-gray-800 ring-gray-300',
  info: 'bg-blue-50 text-blue-800 ring-blue-200',
  success: 'bg-green-50 text-green-800 ring-green-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-300',
  danger: 'bg-red-50 text-red-800 ring-red-200',
};

/** Told apart by more than colour (WCAG 1.4.1): a pill, a square, or a dashed outline with no fill. */
type BadgeShape = 'pill' | 'square' | 'outline';
const shapes: Record<BadgeShape, string> = {
  pill: 'rounded-full ring-1 ring-inset',
  square: 'rounded-none ring-1 ring-inset',
  outline: 'rounded-md border border-dashed border-current bg-transparent',
};

type BadgeProps = {
  tone?: BadgeTone;
  shape?: BadgeShape;
  /** A glyph before the text, hidden from screen readers. */ icon?: string;
  children: ReactNode;
  /** Long text may wrap (a pill then rounds less), so a narrow column keeps all of it. */
  wrap?: boolean;
};

export function Badge({ tone = 'neutral', shape = 'pill', icon, children, wrap = false }: BadgeProps) {
  return (
    <span
      className={`inline-flex items-center gap-1 px-2 py-0.5 text-xs font-medium ${wrap ? 'whitespace-normal [&.rounded-full]:rounded-lg' : 'whitespace-nowrap'} ${shape === 'outline' ? `text-gray-700 ${shapes.outline}` : `${shapes[shape]} ${tones[tone]}`}`}
    >
      {icon ? <span aria-hidden="true">{icon}</span> : null}
      {children}
    </span>
  );
}
