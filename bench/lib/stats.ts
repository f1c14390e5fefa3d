/** The median of the values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `a / b`, formatted as `1.23x`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

/** A number with thousands separators and a sensible number of digits. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
