// The chart's value axis: a top that lands gridlines on numbers people read at a glance.
/** Rounds the axis top up to 1, 2, 2.5 or 5 times a power of ten, so gridlines land on round numbers. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
