import { MuteTimingBuilder, type MuteTiming, type TimeInterval } from '@grafana/grafana-foundation-sdk/alerting';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';

/**
 * A time interval in the JSON the provisioning API takes (Alertmanager's format: `start_time`/`end_time`,
 * weekday ranges as "monday:friday"). The SDK's TimeInterval type models the Go structs (numeric ranges,
 * from/to), which Grafana marshals differently, so the wire format is typed here.
 */
export interface MuteTimeInterval {
  readonly times?: readonly { readonly start_time: string; readonly end_time: string }[];
  readonly weekdays?: readonly string[];
  readonly days_of_month?: readonly string[];
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  /** IANA time zone, e.g. "Europe/Berlin". @default 'UTC' */
  readonly location?: string;
}

/** A named set of time intervals during which notifications of routes that reference it are held back. */
export interface MuteTimingDefinition {
  readonly name: string;
  readonly timeIntervals: readonly MuteTimeInterval[];
}

/** Outside working hours in a time zone: weekday evenings and nights, and the whole weekend. */
export function outsideBusinessHours(
  options: { readonly location?: string; readonly start?: string; readonly end?: string } = {},
): MuteTimingDefinition {
  const location = options.location ?? 'UTC';
  const start = options.start ?? '08:00';
  const end = options.end ?? '18:00';
  return {
    name: 'outside-business-hours',
    timeIntervals: [
      {
        times: [
          { start_time: '00:00', end_time: start },
          { start_time: end, end_time: '24:00' },
        ],
        weekdays: ['monday:friday'],
        location,
      },
      { weekdays: ['saturday', 'sunday'], location },
    ],
  };
}

/** The whole weekend, in a time zone. */
export function weekends(location = 'UTC'): MuteTimingDefinition {
  return { name: 'weekends', timeIntervals: [{ weekdays: ['saturday', 'sunday'], location }] };
}

/** The standard mute timings: `outside-business-hours` and `weekends`. */
export function standardMuteTimings(location = 'UTC'): MuteTimingDefinition[] {
  return [outsideBusinessHours({ location }), weekends(location)];
}

const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const WEEKDAY_RANGE = new RegExp(`^${WEEKDAY}(:${WEEKDAY})?$`);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Problems of a mute timing's intervals (empty when Grafana will accept them). */
export function muteTimingProblems(m: MuteTimingDefinition): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (m.timeIntervals.length === 0) problems.push({ field: 'time_intervals', message: 'no time intervals: the timing would never mute' });
  m.timeIntervals.forEach((ti, i) => {
    for (const [j, t] of (ti.times ?? []).entries()) {
      if (!TIME.test(t.start_time) || !TIME.test(t.end_time) || t.start_time >= t.end_time) {
        problems.push({
          field: `time_intervals[${i}].times[${j}]`,
          message: `"${t.start_time}"-"${t.end_time}" is not a time range (HH:MM, start before end)`,
        });
      }
    }
    for (const w of ti.weekdays ?? []) {
      if (!WEEKDAY_RANGE.test(w))
        problems.push({ field: `time_intervals[${i}].weekdays`, message: `"${w}" is not a weekday or range like "monday:friday"` });
    }
  });
  return problems;
}

/** The body of POST/PUT /api/v1/provisioning/mute-timings, built with the SDK's MuteTimingBuilder. */
export function muteTimingBody(m: MuteTimingDefinition): MuteTiming {
  const intervals = m.timeIntervals.map((ti): Builder<TimeInterval> => ({ build: () => structuredClone(ti) as unknown as TimeInterval }));
  return JSON.parse(JSON.stringify(new MuteTimingBuilder().name(m.name).timeIntervals(intervals).build())) as MuteTiming;
}
