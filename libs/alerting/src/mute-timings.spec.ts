import { describe, expect, it } from 'vitest';
import { compileMuteTimings, outsideBusinessHours, standardMuteTimings } from './mute-timings.js';
import { definition, lines } from '../test/fixtures.js';

describe('mute timings', () => {
  it('builds outside business hours in the API format', () => {
    expect(outsideBusinessHours({ location: 'Europe/Berlin' }).timeIntervals[0]).toEqual({
      times: [
        { start_time: '00:00', end_time: '08:00' },
        { start_time: '18:00', end_time: '24:00' },
      ],
      weekdays: ['monday:friday'],
      location: 'Europe/Berlin',
    });
  });

  it('compiles the standard timings and names them for the policy tree', () => {
    // when
    const { resources, problems, names } = compileMuteTimings(definition({ muteTimings: standardMuteTimings() }));

    // then
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.kind}:${r.uid}`)).toEqual(['mute-timing:outside-business-hours', 'mute-timing:weekends']);
    expect([...names]).toEqual(['outside-business-hours', 'weekends']);
  });

  it('reports a time range that ends before it starts', () => {
    const broken = { name: 'nights', timeIntervals: [{ times: [{ start_time: '22:00', end_time: '06:00' }] }] };
    expect(lines(compileMuteTimings(definition({ muteTimings: [broken] })).problems)).toEqual([
      'mute timing nights time_intervals[0].times[0]: "22:00"-"06:00" is not a time range (HH:MM, start before end)',
    ]);
  });
});
