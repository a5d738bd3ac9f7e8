import { DriftwatchError } from '@driftwatch/drift';

/** A parsed five-field cron expression, evaluated in UTC. */
export interface CronExpression {
  readonly source: string;
  /** The first matching minute strictly after `afterMillis`, in milliseconds since the epoch. */
  next(afterMillis: number): number;
}

interface FieldSpec {
  name: string;
  minimum: number;
  maximum: number;
  names?: readonly string[];
}

const fields: readonly FieldSpec[] = [
  { name: 'minute', minimum: 0, maximum: 59 },
  { name: 'hour', minimum: 0, maximum: 23 },
  { name: 'day of month', minimum: 1, maximum: 31 },
  { name: 'month', minimum: 1, maximum: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', minimum: 0, maximum: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const minuteMillis = 60_000;
/** Five years of days: past that, an expression such as `0 0 30 2 *` never matches. */
const searchLimitDays = 5 * 366;

/**
 * Parses a cron expression of five fields (minute, hour, day of month, month, day of week) with
 * `*`, lists, ranges, steps (`*\/15`, `1-5/2`) and three-letter month and day names. Day of week
 * is 0–7 with both 0 and 7 meaning Sunday. As in Vixie cron, when both day fields are restricted
 * a day matches if either does. Throws `INVALID_ARGUMENT` for anything else.
 *
 * @example
 * ```ts
 * import { parseCronExpression } from './cron-expression.js';
 * const daily = parseCronExpression('0 3 * * *');
 * new Date(daily.next(Date.UTC(2026, 0, 1, 12))).toISOString(); // '2026-01-02T03:00:00.000Z'
 * ```
 */
export function parseCronExpression(source: string): CronExpression {
  const parts = typeof source === 'string' ? source.trim().split(/\s+/) : [];
  if (parts.length !== 5) {
    throw invalid(source, `a cron expression has five fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeekRaw] = parts.map((part, index) => parseField(source, part, fields[index]!)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const daysOfWeek = new Set([...daysOfWeekRaw].map((day) => day % 7));
  const dayOfMonthRestricted = parts[2] !== '*';
  const dayOfWeekRestricted = parts[4] !== '*';

  function dayMatches(date: Date): boolean {
    const byMonthDay = daysOfMonth.has(date.getUTCDate());
    const byWeekDay = daysOfWeek.has(date.getUTCDay());
    if (dayOfMonthRestricted && dayOfWeekRestricted) return byMonthDay || byWeekDay;
    if (dayOfMonthRestricted) return byMonthDay;
    if (dayOfWeekRestricted) return byWeekDay;
    return true;
  }

  return Object.freeze({
    source,
    next(afterMillis: number): number {
      const date = new Date(Math.floor(afterMillis / minuteMillis) * minuteMillis + minuteMillis);
      const limit = afterMillis + searchLimitDays * 24 * 60 * minuteMillis;
      while (date.getTime() <= limit) {
        if (!months.has(date.getUTCMonth() + 1)) {
          date.setUTCMonth(date.getUTCMonth() + 1, 1);
          date.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!dayMatches(date)) {
          date.setUTCDate(date.getUTCDate() + 1);
          date.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!hours.has(date.getUTCHours())) {
          date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
          continue;
        }
        if (!minutes.has(date.getUTCMinutes())) {
          date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
          continue;
        }
        return date.getTime();
      }
      throw invalid(source, 'it matches no time in the next five years');
    },
  });
}

function parseField(source: string, text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (range === undefined || range === '' || extra !== undefined) throw invalid(source, `bad ${spec.name} "${item}"`);
    const step = stepText === undefined ? 1 : parseNumber(source, stepText, spec);
    if (step < 1) throw invalid(source, `the ${spec.name} step must be at least 1`);
    let low: number;
    let high: number;
    if (range === '*') {
      low = spec.minimum;
      high = spec.maximum;
    } else if (range.includes('-')) {
      const [lowText, highText] = range.split('-');
      low = parseValue(source, lowText ?? '', spec);
      high = parseValue(source, highText ?? '', spec);
    } else {
      low = parseValue(source, range, spec);
      high = stepText === undefined ? low : spec.maximum;
    }
    if (low > high) throw invalid(source, `the ${spec.name} range ${range} is reversed`);
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

function parseValue(source: string, text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + (spec.name === 'month' ? 1 : 0) : parseNumber(source, text, spec);
  if (value < spec.minimum || value > spec.maximum) {
    throw invalid(source, `${spec.name} ${text} is outside ${spec.minimum}–${spec.maximum}`);
  }
  return value;
}

function parseNumber(source: string, text: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(text)) throw invalid(source, `bad ${spec.name} "${text}"`);
  return Number(text);
}

function invalid(source: unknown, reason: string): DriftwatchError {
  return new DriftwatchError({
    code: 'INVALID_ARGUMENT',
    message: `Cron expression ${JSON.stringify(source)} is invalid: ${reason}.`,
    details: { cron: source, reason },
  });
}
