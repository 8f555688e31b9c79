/**
 * The stored theme and its application to the page, without React: src/demo-main.ts applies it before React
 * has loaded; src/app/theme.ts adds the hook.
 */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const STORAGE_KEY = 'privacy-console.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off; the console then follows the system each visit.
    return null;
  }
}

function readChoice(): ThemeChoice {
  const stored = storage()?.getItem(STORAGE_KEY);
  return themeChoices.find((choice) => choice === stored) ?? 'system';
}

function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** The palette in effect: the stored choice, or the system's for "system". */
function resolveTheme(choice: ThemeChoice, prefersDark = systemPrefersDark()): 'light' | 'dark' {
  if (choice === 'system') return prefersDark ? 'dark' : 'light';
  return choice;
}

function apply(choice: ThemeChoice) {
  if (typeof document === 'undefined') return;
  // src/index.css maps the palette to dark under this attribute.
  document.documentElement.dataset.theme = resolveTheme(choice);
}

const listeners = new Set<() => void>();
let current: ThemeChoice = readChoice();

export function themeChoice(): ThemeChoice {
  return current;
}

export function setThemeChoice(choice: ThemeChoice) {
  current = choice;
  if (choice === 'system') storage()?.removeItem(STORAGE_KEY);
  else storage()?.setItem(STORAGE_KEY, choice);
  apply(choice);
  listeners.forEach((listener) => listener());
}

export function subscribeToTheme(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// Runs when the entry's import graph is evaluated, before React renders anything: no flash of the wrong
// theme, and no inline script (the CSP forbids it).
apply(current);
if (typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (current === 'system') apply(current);
  });
}
