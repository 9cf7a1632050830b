/** A tiny SVG line of a series' recent values. */
import { memo } from 'react';

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  readonly values: readonly number[];
  /** Fixed scale top (e.g. 100 for percentages); otherwise the data maximum. */
  readonly max?: number;
  readonly label: string;
}

const W = 120;
const H = 28;

/** Renders recent values as a polyline; gaps (NaN) break the line. */
export const Sparkline = memo(function Sparkline({ values, max, label }: SparklineProps) {
  const finite = values.filter(Number.isFinite);
  const top = max ?? Math.max(1e-9, ...finite);
  const step = values.length > 1 ? W / (values.length - 1) : W;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const y = H - 1 - (Math.min(v, top) / top) * (H - 2);
    current.push(`${(i * step).toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {segments.map((pts, i) => (
        <polyline key={i} points={pts} fill="none" vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
});
