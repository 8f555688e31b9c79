/** The one focus style: a visible ring for keyboard users, none for mouse clicks. */
export const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

export const linkClass = `rounded-sm font-medium text-indigo-700 underline-offset-2 hover:underline ${focusRing}`;

const base = `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium shadow-xs transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export const buttonVariants = {
  primary: `${base} bg-indigo-700 text-white hover:bg-indigo-800`,
  secondary: `${base} border border-gray-300 bg-white text-gray-900 hover:bg-gray-50`,
  danger: `${base} bg-red-700 text-white hover:bg-red-800`,
  ghost: `${base} text-gray-700 shadow-none hover:bg-gray-100`,
} as const;

export type ButtonVariant = keyof typeof buttonVariants;
