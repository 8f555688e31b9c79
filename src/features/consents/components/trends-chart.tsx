import { useId } from 'react';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { CONSOLE_LOCALE, formatCount } from '@/lib/format';

export type MonthFigures = { month: string; granted: number; withdrawn: number };

/** `2026-11` -> `Nov 2026`, the same wherever the reader is. */
export function monthLabel(month: string, style: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(CONSOLE_LOCALE, { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** A round step for the value axis: 1, 2 or 5 times a power of ten, about four steps to the top. */
function niceStep(max: number): number {
  const rough = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return Math.max(1, step ?? power * 10);
}

const WIDTH = 760;
const HEIGHT = 280;
const PAD = { top: 16, right: 16, bottom: 40, left: 56 };
/** Palette classes, so the dark theme's remapped palette applies to the chart too. */
const FILLS = { granted: 'fill-green-700', withdrawn: 'fill-amber-600' } as const;

/**
 * Grants and withdrawals per month as grouped bars, in plain SVG. The picture is for sighted readers; the
 * same numbers stand in the table next to it, which is what assistive technology reads.
 */
export function TrendsChart({ figures, title }: { figures: readonly MonthFigures[]; title: string }) {
  const titleId = useId();
  const descId = useId();
  const max = Math.max(0, ...figures.flatMap((f) => [f.granted, f.withdrawn]));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const group = plotWidth / Math.max(figures.length, 1);
  const bar = Math.min(22, (group - 8) / 2);
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;

  return (
    <figure className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <figcaption className="flex flex-wrap items-center justify-between gap-3">
        <span className="text-sm font-semibold text-gray-900">{title}</span>
        <span className="flex gap-4 text-sm text-gray-700" aria-hidden="true">
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-3 rounded-sm bg-green-700" /> Granted
          </span>
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-3 rounded-sm bg-amber-600" /> Withdrawn
          </span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="h-auto w-full">
        <title id={titleId}>{title}</title>
        <desc id={descId}>Bar chart of grants (green) and withdrawals (amber) per month. The table below lists the same numbers.</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-gray-200" />
            <text x={PAD.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="12" className="fill-gray-600">
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {figures.map((f, i) => {
          const x = PAD.left + i * group + (group - 2 * bar - 2) / 2;
          return (
            <g key={f.month}>
              <rect x={x} y={y(f.granted)} width={bar} height={y(0) - y(f.granted)} className={FILLS.granted}>
                <title>{`${monthLabel(f.month, 'long')}: ${formatCount(f.granted)} granted`}</title>
              </rect>
              <rect x={x + bar + 2} y={y(f.withdrawn)} width={bar} height={y(0) - y(f.withdrawn)} className={FILLS.withdrawn}>
                <title>{`${monthLabel(f.month, 'long')}: ${formatCount(f.withdrawn)} withdrawn`}</title>
              </rect>
              <text
                x={PAD.left + i * group + group / 2}
                y={HEIGHT - PAD.bottom + 18}
                textAnchor="middle"
                fontSize="12"
                className="fill-gray-700"
              >
                {monthLabel(f.month).split(' ')[0]}
              </text>
              {i === 0 || f.month.endsWith('-01') ? (
                <text
                  x={PAD.left + i * group + group / 2}
                  y={HEIGHT - PAD.bottom + 33}
                  textAnchor="middle"
                  fontSize="11"
                  className="fill-gray-600"
                >
                  {f.month.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="stroke-gray-400" />
      </svg>
    </figure>
  );
}

const rowHeader = 'px-4 py-3 text-left font-medium whitespace-nowrap text-gray-900';

export function TrendsTable({ figures, caption }: { figures: readonly MonthFigures[]; caption: string }) {
  const total = figures.reduce((sum, f) => ({ granted: sum.granted + f.granted, withdrawn: sum.withdrawn + f.withdrawn }), {
    granted: 0,
    withdrawn: 0,
  });
  return (
    <Table caption={caption}>
      <THead>
        <Th>Month</Th>
        <Th className="text-right">Granted</Th>
        <Th className="text-right">Withdrawn</Th>
        <Th className="text-right">Net</Th>
      </THead>
      <TBody>
        {figures.map((f) => (
          <tr key={f.month}>
            <th scope="row" className={rowHeader}>
              {monthLabel(f.month, 'long')}
            </th>
            <Td className="text-right tabular-nums">{formatCount(f.granted)}</Td>
            <Td className="text-right tabular-nums">{formatCount(f.withdrawn)}</Td>
            <Td className="text-right tabular-nums">{formatCount(f.granted - f.withdrawn)}</Td>
          </tr>
        ))}
        <tr className="bg-gray-50">
          <th scope="row" className={rowHeader}>
            12 months
          </th>
          <Td className="text-right font-semibold tabular-nums">{formatCount(total.granted)}</Td>
          <Td className="text-right font-semibold tabular-nums">{formatCount(total.withdrawn)}</Td>
          <Td className="text-right font-semibold tabular-nums">{formatCount(total.granted - total.withdrawn)}</Td>
        </tr>
      </TBody>
    </Table>
  );
}
