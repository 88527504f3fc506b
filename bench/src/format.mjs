// How the report and the README table write a figure's numbers (fixed decimals per unit) and goals.

const DECIMALS = { 'MiB/s': (v) => (v < 100 ? 1 : 0), MiB: () => 0, 'ops/s': () => 0, unwraps: () => 0 };

/** `v` with its unit, e.g. `61.3 MiB/s`, `1045 MiB/s`, `231 MiB`, `45 ops/s`. */
export const withUnit = ({ value, unit }) => `${value.toFixed((DECIMALS[unit] ?? (() => 2))(value))} ${unit}`;

export const ratio = (v) => v.toFixed(2);

/** `≥ 0.9`, `≤ 300 MiB`, `flat (≤ 1.25)`; `information` when the figure is not scored. */
export function goalText(goal) {
  if (!goal) return 'information';
  const text = `${goal.op === '>=' ? '≥' : '≤'} ${goal.value}${goal.unit ? ` ${goal.unit}` : ''}`;
  return goal.note ? `${goal.note} (${text})` : text;
}

/** What a figure's goal is judged on: its ratio, or our own value (`ours`). */
export const scoredValue = (f) => (f.goal?.on === 'ours' ? f.ours.value : f.ratio);

/** `scoredValue` written as the README shows it: a ratio, or our value with its unit. */
export const scoredText = (f, value) => (f.goal?.on === 'ours' ? withUnit({ value, unit: f.ours.unit }) : ratio(value));
