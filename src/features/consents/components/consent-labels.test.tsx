// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConsentStateBadge } from './consent-labels';

describe('consent state badges', () => {
  it('tell granted, withdrawn and never asked apart by text, mark and shape, not colour alone', () => {
    const looks = (['granted', 'withdrawn', 'never_asked'] as const).map((state) => {
      const { container } = render(<ConsentStateBadge state={state} />);
      const badge = container.firstElementChild as HTMLElement;
      const shape = ['rounded-full', 'rounded-none', 'border-dashed'].filter((c) => badge.classList.contains(c));
      return { text: badge.textContent, shape: shape.join(' ') };
    });
    expect(looks).toEqual([
      { text: '✓Granted', shape: 'rounded-full' },
      { text: '✕Withdrawn', shape: 'rounded-none' },
      { text: '–Never asked', shape: 'border-dashed' },
    ]);
  });
});
