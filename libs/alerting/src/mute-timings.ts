import { MuteTimingBuilder, type MuteTiming, type TimeInterval } from '@grafana/grafana-foundation-sdk/alerting';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { AlertingDefinition, AlertingResource, MuteTimingDefinition, Problem } from '@o11y/environment';
import { NAME, NAME_RULE, duplicateKeys, reporter, type Compiled } from './resource-checks.js';

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

/** The environment's mute timings, checked, and their names (routes may only name these). */
export function compileMuteTimings(definition: AlertingDefinition): Compiled<AlertingResource> & { names: ReadonlySet<string> } {
  const problems: Problem[] = [];
  const report = reporter(problems, definition.source);
  const muteTimings = definition.muteTimings ?? [];
  for (const name of duplicateKeys(muteTimings, (m) => m.name)) report(`mute timing ${name}`, 'name', 'defined twice');
  const resources = muteTimings.map((m): AlertingResource => {
    if (!NAME.test(m.name)) report(`mute timing ${m.name}`, 'name', NAME_RULE);
    for (const p of muteTimingProblems(m)) report(`mute timing ${m.name}`, p.field, p.message);
    return { kind: 'mute-timing', uid: m.name, title: m.name, body: { ...muteTimingBody(m) }, source: definition.source };
  });
  return { resources, problems, names: new Set(muteTimings.map((m) => m.name)) };
}
