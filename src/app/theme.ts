import { useSyncExternalStore } from 'react';
import type { ThemeChoice } from './theme-choice';
import { subscribeToTheme, themeChoice } from './theme-choice';

export type { ThemeChoice } from './theme-choice';
export { setThemeChoice, themeChoices } from './theme-choice';

export function useThemeChoice(): ThemeChoice {
  // A page the server drew shows "system" (the server cannot read this browser's choice): hydration starts
  // from that, then React renders the stored choice.
  return useSyncExternalStore(subscribeToTheme, themeChoice, () => 'system');
}
