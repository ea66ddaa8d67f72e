import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';

/** Units this project uses, named for what they measure (Grafana unit ids). */
export const Unit = {
  requestsPerSecond: 'reqps',
  connectionsPerSecond: 'cps',
  perSecond: 'ops',
  milliseconds: 'ms',
  seconds: 's',
  ratio: 'percentunit',
  percent: 'percent',
  bytes: 'bytes',
  bytesPerSecond: 'Bps',
  count: 'short',
  none: 'none',
} as const;

/** Status colours, shared so every dashboard means the same thing by red. */
export const Colour = {
  ok: 'green',
  warning: 'orange',
  critical: 'red',
  info: 'blue',
  neutral: 'text',
} as const;

/** Default panel sizes on the 24-column grid. */
export const Size = {
  stat: { w: 6, h: 4 },
  half: { w: 12, h: 8 },
  third: { w: 8, h: 8 },
  quarter: { w: 6, h: 8 },
  full: { w: 24, h: 8 },
  table: { w: 24, h: 8 },
} as const;

/** Absolute thresholds from a base colour and ascending [value, colour] steps. */
export function thresholds(base: string, steps: ReadonlyArray<readonly [number, string]> = []): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

/** Green when high, for success rates and healthy ratios (0..1): red below `critical`, orange below `warning`. */
export function higherIsBetter(critical: number, warning: number): ThresholdsConfigBuilder {
  return thresholds(Colour.critical, [
    [critical, Colour.warning],
    [warning, Colour.ok],
  ]);
}

/** Green when low, for utilisation and error ratios: orange from `warning`, red from `critical`. */
export function lowerIsBetter(warning: number, critical: number): ThresholdsConfigBuilder {
  return thresholds(Colour.ok, [
    [warning, Colour.warning],
    [critical, Colour.critical],
  ]);
}
