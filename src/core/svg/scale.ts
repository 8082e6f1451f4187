/**
 * Whether a value can be placed on an axis. Beyond ±1e15 values are treated like NaN: no chart here has a use
 * for them, and the arithmetic of spans near ±1e308 overflows to Infinity and NaN.
 */
export function plottable(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && Math.abs(value) <= 1e15;
}

/** A map from data values to pixels, with the ticks to draw along it. */
export interface Scale {
  map(value: number): number;
  domain: [number, number];
  ticks: number[];
  /** The distance between linear ticks (0 for log scales): decides how many decimals tick labels get. */
  step: number;
}

/**
 * A linear scale over [min, max] widened to whole multiples of a 1-2-5 step, so the axis starts and ends on a
 * tick. A zero-width domain (one point, all values equal) is widened around its value, so nothing divides by 0.
 */
export function linearScale(min: number, max: number, range: [number, number], tickCount = 5): Scale {
  const [low, high] = widen(min, max);
  const step = niceStep((high - low) / tickCount);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9; i++) ticks.push(round(start + i * step, step));
  return { map: interpolate(start, end, range), domain: [start, end], ticks, step };
}

/** As linearScale, but keeping the domain exactly as given (a fixed [0, 1] for accuracy, say). */
export function fixedScale(min: number, max: number, range: [number, number], tickCount = 5): Scale {
  const [low, high] = widen(min, max);
  const step = niceStep((high - low) / tickCount);
  const ticks: number[] = [];
  for (let value = Math.ceil(low / step - 1e-9) * step; value <= high + step * 1e-9; value += step) ticks.push(round(value, step));
  return { map: interpolate(low, high, range), domain: [low, high], ticks, step };
}

/**
 * A log10 scale for positive values (training sizes): the data range plus 4% either side, so the end points do
 * not sit on the axes (a single value gets half a decade either side); ticks at 1, 2 and 5 times powers of ten.
 */
export function logScale(min: number, max: number, range: [number, number]): Scale {
  let low = Math.log10(min);
  let high = Math.log10(max);
  const pad = high - low < 1e-9 ? 0.5 : (high - low) * 0.04;
  low -= pad;
  high += pad;
  const ticks: number[] = [];
  for (let decade = Math.floor(low); decade <= Math.ceil(high); decade++) {
    for (const factor of [1, 2, 5]) {
      const value = factor * 10 ** decade;
      const position = Math.log10(value);
      if (position >= low - 1e-9 && position <= high + 1e-9) ticks.push(value);
    }
  }
  const toPixels = interpolate(low, high, range);
  return { map: (value) => toPixels(Math.log10(value)), domain: [10 ** low, 10 ** high], ticks, step: 0 };
}

/** The domain to use for [min, max]: a span too small to divide into ticks (equal values) is widened. */
function widen(min: number, max: number): [number, number] {
  const span = max - min;
  if (span > 1e-12 && span > Math.max(Math.abs(min), Math.abs(max)) * 1e-9) return [min, max];
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  // Around zero (or values too small to tick, subnormals included) a unit either side.
  const pad = magnitude > 1e-9 ? magnitude * 0.1 : 1;
  return [min - pad, max + pad];
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** Removes floating-point noise (0.30000000000000004) from a multiple of step. */
function round(value: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

function interpolate(from: number, to: number, [start, end]: [number, number]): (value: number) => number {
  const span = to - from;
  return (value) => start + ((value - from) / span) * (end - start);
}
