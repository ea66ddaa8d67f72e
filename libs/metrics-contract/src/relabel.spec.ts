import { describe, expect, it } from 'vitest';
import { ANY, relabel } from './relabel.js';

describe('relabel', () => {
  it('copies a discovery label into a target label and drops nothing else', () => {
    // given
    const input = new Map([['__meta_kubernetes_service_name', 'web']]);

    // when
    const out = relabel(input, [{ sourceLabels: ['__meta_kubernetes_service_name'], targetLabel: 'service' }]);

    // then
    expect(out?.get('service')).toBe('web');
  });

  it('drops a target a keep rule does not match, and keeps one whose value is unknown', () => {
    const keep = [{ sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: '^envoy$', action: 'keep' }];
    expect(relabel(new Map([['__meta_kubernetes_pod_container_name', 'app']]), keep)).toBeUndefined();
    expect(relabel(new Map([['__meta_kubernetes_pod_container_name', ANY]]), keep)).toBeDefined();
  });

  it('builds values with capture groups, and an unknown source gives an unknown value', () => {
    // given
    const rules = [{ sourceLabels: ['__meta_kubernetes_pod_host_ip'], replacement: '$1:9100', targetLabel: 'instance' }];

    // then
    expect(relabel(new Map([['__meta_kubernetes_pod_host_ip', '10.0.0.1']]), rules)?.get('instance')).toBe('10.0.0.1:9100');
    expect(relabel(new Map([['__meta_kubernetes_pod_host_ip', ANY]]), rules)?.get('instance')).toBe(ANY);
  });

  it('maps labels by name with labelmap', () => {
    const out = relabel(new Map([['__meta_kubernetes_pod_label_team', 'a']]), [
      { regex: '__meta_kubernetes_pod_label_(.+)', replacement: 'label_$1', action: 'labelmap' },
    ]);
    expect(out?.get('label_team')).toBe('a');
  });
});
