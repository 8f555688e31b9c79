import { useId } from 'react';
import { focusRing } from '@/components/ui/classes';
import type { ThemeChoice } from './theme';
import { setThemeChoice, themeChoices, useThemeChoice } from './theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or whatever the system says; remembered in this browser. */
export function ThemeSwitch() {
  const choice = useThemeChoice();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-gray-700">
        Theme
      </label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          const next = themeChoices.find((value) => value === event.target.value);
          if (next) setThemeChoice(next);
        }}
        className={`rounded-md border border-gray-400 bg-white px-2 py-1 text-sm text-gray-900 ${focusRing}`}
      >
        {themeChoices.map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
