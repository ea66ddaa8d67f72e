import { describe, expect, it } from 'vitest';
import { storedName } from './naming.js';

describe('storedName', () => {
  it('keeps the exposed name when the path adds no suffixes', () => {
    expect(storedName('envoy_http_downstream_rq_xx', 'counter', 'as-exposed')).toBe('envoy_http_downstream_rq_xx');
  });

  it('appends _total to a counter without it, and keeps one on a counter that has it', () => {
    expect(storedName('envoy_http_downstream_rq_xx', 'counter', 'with-suffixes')).toBe('envoy_http_downstream_rq_xx_total');
    expect(storedName('node_cpu_seconds_total', 'counter', 'with-suffixes')).toBe('node_cpu_seconds_total');
  });

  it('moves a counter\'s inner "total" token to the end and collapses repeated underscores, as otlptranslator does', () => {
    expect(storedName('requests_total_by__route', 'counter', 'with-suffixes')).toBe('requests_by_route_total');
  });

  it('leaves gauges and histogram base names alone apart from the token rule', () => {
    expect(storedName('node_memory_MemTotal_bytes', 'gauge', 'with-suffixes')).toBe('node_memory_MemTotal_bytes');
    expect(storedName('envoy_http_downstream_rq_time', 'histogram', 'with-suffixes')).toBe('envoy_http_downstream_rq_time');
  });
});
