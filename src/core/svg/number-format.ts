/**
 * Numbers for axis ticks and labels: short, never "NaN" or "-0". Counts of 10,000 and more are written with
 * k / M ("14k"), as training sizes are; other values get three significant digits.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${trim((value / 1e6).toPrecision(3))}M`;
  if (magnitude >= 1e4) return `${trim((value / 1e3).toPrecision(3))}k`;
  if (Number.isInteger(value)) return String(value);
  if (magnitude < 1e-3) return value.toExponential(1);
  return trim(value.toPrecision(3));
}

/** Tick labels at a given step: as many decimals as the step needs, so 0.05, 0.1, 0.15 print as 0.05, 0.10, 0.15. */
export function tickFormatter(step: number): (value: number) => string {
  if (!(step > 0) || !Number.isFinite(step) || step >= 1 || step < 1e-3) return formatNumber;
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return (value) => {
    const text = value.toFixed(decimals);
    return Number(text) === 0 ? '0' : text;
  };
}

/** A probability as a percentage with one decimal: 0.8734 -> "87.3%". */
export function formatPercent(probability: number): string {
  const percent = probability * 100;
  return Number.isFinite(percent) ? `${percent.toFixed(1)}%` : '–';
}

function trim(text: string): string {
  // toPrecision may use exponent form or trailing zeros ("1.50"); neither reads well on an axis.
  const plain = text.includes('e') ? String(Number(text)) : text;
  return plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain;
}
