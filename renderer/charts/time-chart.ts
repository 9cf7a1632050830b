/**
 * One uPlot time chart of one series outside React: full-resolution line for raw data,
 * min/avg/max band for minute rollups, warning and critical threshold lines, an optional
 * marked time, and a crosshair with exact values in the legend.
 */
import uPlot from 'uplot';
import { markDirty, forget, type Flushable } from './frame-scheduler';
import { SeriesBuffer } from './series-buffer';
import type { HistorySeries } from '../../main/shared/contract';

/** How often a chart's screen-reader summary is refreshed. */
const DESCRIBE_EVERY_MS = 5_000;

/** Labels and formatters the chart needs from the UI. */
export interface TimeChartOptions {
  readonly title: string;
  readonly rangeMs: number;
  readonly percent: boolean;
  readonly format: (v: number | null | undefined) => string;
  readonly formatTime: (ms: number) => string;
  /** Tick label of the time axis (localized, e.g. 24-hour clock). */
  readonly formatTick: (ms: number) => string;
  readonly labels: {
    readonly value: string;
    readonly min: string;
    readonly max: string;
    readonly time: string;
  };
  /** The text alternative of the canvas (for screen readers), from the visible data. */
  readonly describe: (summary: ChartSummary) => string;
}

/** What the chart shows, in numbers: the canvas's text alternative is made from it. */
export interface ChartSummary {
  /** Lowest and highest value in the visible range (of min and max for rollups). */
  readonly min: number | null;
  readonly max: number | null;
  /** The newest value. */
  readonly latest: number | null;
}

/** Lowest, highest and newest value of the points at or after `from`. */
export function summarize(buffer: SeriesBuffer, from: number): ChartSummary {
  const lows = buffer.min ?? buffer.avg;
  const highs = buffer.max ?? buffer.avg;
  let min: number | null = null;
  let max: number | null = null;
  let latest: number | null = null;
  for (let i = 0; i < buffer.x.length; i++) {
    if ((buffer.x[i] ?? -Infinity) < from) continue;
    const lo = lows[i];
    const hi = highs[i];
    if (lo != null && (min === null || lo < min)) min = lo;
    if (hi != null && (max === null || hi > max)) max = hi;
    latest = buffer.avg[i] ?? latest;
  }
  return { min, max, latest };
}

/** Thresholds drawn as horizontal lines. */
export interface Thresholds {
  readonly warning: number | null;
  readonly critical: number | null;
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Whether this environment can draw on a canvas (false in DOM-only test environments). */
export function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** A live chart bound to a container element. */
export class TimeChart implements Flushable {
  private describedAt = Number.NEGATIVE_INFINITY;
  private plot: uPlot | null = null;
  private buffer: SeriesBuffer = new SeriesBuffer(false);
  private thresholds: Thresholds = { warning: null, critical: null };
  private mark: number | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: TimeChartOptions,
  ) {}

  /** Replaces the data with a history series (raw or minute rollups). */
  setHistory(series: HistorySeries | undefined, banded: boolean): void {
    const rebuild = this.plot === null || banded !== this.buffer.banded;
    this.buffer = SeriesBuffer.from(series, banded);
    if (rebuild) this.build();
    else markDirty(this);
  }

  /** Appends one live point; the redraw happens on the next animation frame. */
  append(t: number, value: number | null): void {
    if (!this.buffer.append(t, value)) return;
    this.buffer.trimBefore(t - this.options.rangeMs);
    markDirty(this);
  }

  /** Sets the threshold lines. */
  setThresholds(th: Thresholds): void {
    if (th.warning === this.thresholds.warning && th.critical === this.thresholds.critical) return;
    this.thresholds = th;
    markDirty(this);
  }

  /** Marks a time with a vertical line (or clears it). */
  setMark(t: number | null): void {
    this.mark = t;
    markDirty(this);
  }

  /** Follows the container's width. */
  resize(width: number): void {
    if (this.plot && width > 0 && Math.abs(this.plot.width - width) > 1)
      this.plot.setSize({ width, height: 200 });
  }

  /** Redraws with the current columns (called by the frame scheduler). */
  flush(): void {
    const plot = this.plot;
    if (!plot) return;
    // batch() draws synchronously instead of in a microtask, so the frame's cost is measurable.
    plot.batch(() => plot.setData(this.buffer.columns()));
    showLatest(plot);
    // The spoken summary scans every point: refresh it every few seconds, not every frame.
    if (performance.now() - this.describedAt >= DESCRIBE_EVERY_MS) this.describe(plot);
  }

  /** Removes the chart. */
  destroy(): void {
    forget(this);
    this.plot?.destroy();
    this.plot = null;
  }

  private build(): void {
    this.plot?.destroy();
    const el = this.container;
    const o = this.options;
    const line = cssVar(el, '--chart-line', '#2563eb');
    const band = cssVar(el, '--chart-band', 'rgba(37,99,235,0.2)');
    const warn = cssVar(el, '--warning-line', '#b45309');
    const crit = cssVar(el, '--critical-line', '#b91c1c');
    const axis = cssVar(el, '--text-muted', '#555');
    const grid = cssVar(el, '--grid', 'rgba(128,128,128,0.2)');
    const markColor = cssVar(el, '--text', '#111');
    const fmt = (_u: uPlot, v: number | null) => o.format(v);
    const banded = this.buffer.banded;
    const series: uPlot.Series[] = [
      {
        label: o.labels.time,
        value: (_u, v: number | null) => (v == null ? '—' : o.formatTime(v)),
      },
      {
        label: banded ? `${o.title} (${o.labels.value})` : o.title,
        stroke: line,
        width: 1.5,
        value: fmt,
        spanGaps: false,
      },
    ];
    if (banded) {
      series.push(
        { label: o.labels.min, stroke: band, width: 1, value: fmt },
        { label: o.labels.max, stroke: band, width: 1, value: fmt },
      );
    }
    // uPlot calls these hooks with its own `this`; the closures read the chart's current state.
    const thresholds = () => this.thresholds;
    const markTime = () => this.mark;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth || 600),
      height: 200,
      ms: 1,
      series,
      bands: banded ? [{ series: [3, 2], fill: band }] : [],
      cursor: { sync: { key: 'hostwatch' }, drag: { x: false, y: false } },
      legend: { live: true },
      scales: {
        x: {
          time: true,
          range: (_u, _min, max) => {
            const end = Number.isFinite(max) && max > 0 ? max : Date.now();
            return [end - o.rangeMs, end];
          },
        },
        y: {
          range: (_u, _min, max) => {
            if (o.percent) return [0, 100];
            let top = Number.isFinite(max) && max > 0 ? max : 1;
            for (const th of [thresholds().warning, thresholds().critical]) {
              if (th !== null && th <= top * 3) top = Math.max(top, th);
            }
            return [0, top * 1.1];
          },
        },
      },
      axes: [
        // Wider spacing than uPlot's default: our 24-hour labels (HH:MM:SS) are longer.
        {
          stroke: axis,
          space: 90,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          values: (_u, vals) => vals.map((v) => o.formatTick(v)),
        },
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 70,
          values: (_u, vals) => vals.map((v) => o.format(v)),
        },
      ],
      hooks: {
        // Away from the cursor the legend shows the latest values, not dashes.
        setCursor: [showLatest],
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            ctx.save();
            const drawLevel = (
              v: number | null,
              color: string,
              dash: number[],
              glyph: string,
              below: boolean,
            ) => {
              if (v === null) return;
              const y = Math.round(u.valToPos(v, 'y', true));
              if (y < bbox.top || y > bbox.top + bbox.height) return;
              ctx.strokeStyle = color;
              ctx.fillStyle = color;
              ctx.lineWidth = 1.5 * devicePixelRatio;
              ctx.setLineDash(dash.map((d) => d * devicePixelRatio));
              ctx.beginPath();
              ctx.moveTo(bbox.left, y);
              ctx.lineTo(bbox.left + bbox.width, y);
              ctx.stroke();
              ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
              // Labelled at the right end, clear of the y-axis ticks; the glyph and dash tell the
              // two levels apart without colour.
              const label = `${glyph} ${o.format(v)}`;
              ctx.textAlign = 'right';
              // Warning labels sit below their line and critical ones above, so close levels never overlap.
              ctx.textBaseline = below ? 'top' : 'bottom';
              ctx.fillText(
                label,
                bbox.left + bbox.width - 4 * devicePixelRatio,
                y + (below ? 3 : -3) * devicePixelRatio,
              );
            };
            drawLevel(thresholds().warning, warn, [6, 4], '▲', true);
            drawLevel(thresholds().critical, crit, [], '●', false);
            const mark = markTime();
            if (mark !== null) {
              const x = Math.round(u.valToPos(mark, 'x', true));
              if (x >= bbox.left && x <= bbox.left + bbox.width) {
                ctx.strokeStyle = markColor;
                ctx.lineWidth = 2 * devicePixelRatio;
                ctx.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
                ctx.beginPath();
                ctx.moveTo(x, bbox.top);
                ctx.lineTo(x, bbox.top + bbox.height);
                ctx.stroke();
              }
            }
            ctx.restore();
          },
        ],
      },
    };
    this.plot = new uPlot(opts, this.buffer.columns(), el);
    showLatest(this.plot);
    this.describe(this.plot);
  }

  /**
   * Gives the canvas a role and a name, as an image: without them a screen reader finds the
   * chart's title and nothing of what it draws.
   */
  private describe(plot: uPlot): void {
    this.describedAt = performance.now();
    const canvas = plot.ctx.canvas;
    const end = this.buffer.x[this.buffer.length - 1] ?? Date.now();
    canvas.setAttribute('role', 'img');
    canvas.setAttribute(
      'aria-label',
      this.options.describe(summarize(this.buffer, end - this.options.rangeMs)),
    );
  }
}

/** When the cursor is off the plot, points the legend at the last sample instead of "—". */
function showLatest(plot: uPlot): void {
  const last = (plot.data[0]?.length ?? 0) - 1;
  if (plot.cursor.idx == null && last >= 0) plot.setLegend({ idx: last }, false);
}
