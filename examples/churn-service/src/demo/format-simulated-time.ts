const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * A simulated time as the demo prints it: weekday and UTC hour, such as `Tue 13:00`. The demo's
 * story fits in one week, so the weekday is enough to place it.
 *
 * @example
 * ```ts
 * formatSimulatedTime(Date.UTC(2024, 0, 2, 13)); // 'Tue 13:00'
 * ```
 */
export function formatSimulatedTime(millis: number): string {
  const date = new Date(millis);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${weekdays[date.getUTCDay()]} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/**
 * A simulated duration in hours or days, such as `1 h`, `26 h` or `3.0 days`.
 *
 * @example
 * ```ts
 * formatSimulatedDuration(90 * 60_000); // '1.5 h'
 * ```
 */
export function formatSimulatedDuration(millis: number): string {
  const hours = millis / 3_600_000;
  if (hours >= 72) return `${(hours / 24).toFixed(1)} days`;
  return Number.isInteger(hours) ? `${hours} h` : `${hours.toFixed(1)} h`;
}
