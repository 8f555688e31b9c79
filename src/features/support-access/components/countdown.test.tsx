// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Countdown, formatCountdown } from './countdown';

afterEach(() => vi.useRealTimers());

describe('countdown', () => {
  it('formats what is left', () => {
    expect(formatCountdown(65_000)).toBe('1 min 05 s');
    expect(formatCountdown(3_725_000)).toBe('1 h 02 min 05 s');
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 600_000)).toBe('2 d 03 h 10 min');
    expect(formatCountdown(-5)).toBe('0 min 00 s');
  });

  it('ticks, and asks once for the server’s word when it reaches zero', () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T10:00:00.000Z') });
    const onElapsed = vi.fn();
    render(<Countdown until="2026-11-29T10:00:02.000Z" onElapsed={onElapsed} />);
    expect(screen.getByRole('timer')).toHaveTextContent('0 min 02 s left');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent('0 min 01 s left');
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent('Time is up; checking…');
    expect(onElapsed).toHaveBeenCalledTimes(1);
  });
});
