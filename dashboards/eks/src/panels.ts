import {
  Size,
  Unit,
  lowerIsBetter,
  promInstant,
  promQuery,
  promTable,
  statPanel,
  tablePanel,
  thresholds,
  Colour,
  timeseriesPanel,
} from '@o11y/grafana-kit';
import type { EksConfig } from './config.js';
import * as q from './queries.js';

/** Every panel looks at the picked nodes and instances. */
const on = q.dashboardScope;

export const nodeCountStat = (c: EksConfig) => statPanel('Nodes', Unit.count).withTarget(promInstant(q.nodeCount(on(c))));

export const nodesNotReadyStat = (c: EksConfig) =>
  statPanel('Nodes not ready', Unit.count)
    .withTarget(promInstant(q.nodesNotReady(on(c))))
    .thresholds(thresholds(Colour.ok, [[1, Colour.critical]]));

export const podCountStat = (c: EksConfig) => statPanel('Pods', Unit.count).withTarget(promInstant(q.podCount(on(c))));

export const podsNotRunningStat = (c: EksConfig) =>
  statPanel('Pods not running', Unit.count, 'Pending, Failed or Unknown pods on the picked nodes.')
    .withTarget(promInstant(q.podsNotRunning(c, on(c))))
    .thresholds(thresholds(Colour.ok, [[1, Colour.warning]]));

export const podsByPhase = (c: EksConfig) =>
  timeseriesPanel('Pods running vs not running', Unit.count)
    .withTarget(promQuery(q.podsRunning(c, on(c)), 'running', 'A'))
    .withTarget(promQuery(q.podsNotRunning(c, on(c)), 'not running', 'B'));

export const nodeConditions = (c: EksConfig) =>
  tablePanel('Node conditions', 'Conditions currently true per node, from kube-state-metrics.')
    .withTarget(promTable(q.nodeConditions(on(c)), 'A'))
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true, Value: true } } })
    .span(Size.half.w);

const utilisation = (title: string, c: EksConfig, expr: string) =>
  timeseriesPanel(title, Unit.ratio)
    .withTarget(promQuery(expr, '{{instance}}'))
    .min(0)
    .max(1)
    .thresholds(lowerIsBetter(c.utilisation.warning, c.utilisation.critical));

export const cpuUtilisation = (c: EksConfig) => utilisation('CPU utilisation', c, q.cpuUtilisation(on(c)));
export const memoryUtilisation = (c: EksConfig) => utilisation('Memory utilisation', c, q.memoryUtilisation(on(c)));
export const diskUtilisation = (c: EksConfig) => utilisation('Disk utilisation', c, q.diskUtilisation(c, on(c)));

export const diskThroughput = (c: EksConfig) =>
  timeseriesPanel('Disk throughput', Unit.bytesPerSecond)
    .withTarget(promQuery(q.diskReadThroughput(on(c)), '{{instance}} read', 'A'))
    .withTarget(promQuery(q.diskWriteThroughput(on(c)), '{{instance}} write', 'B'));

export const networkThroughput = (c: EksConfig) =>
  timeseriesPanel('Network throughput', Unit.bytesPerSecond)
    .withTarget(promQuery(q.networkReceiveThroughput(c, on(c)), '{{instance}} received', 'A'))
    .withTarget(promQuery(q.networkTransmitThroughput(c, on(c)), '{{instance}} sent', 'B'));

export const loadAverage = (c: EksConfig) =>
  timeseriesPanel('Load average', Unit.count, 'Runnable and waiting tasks averaged over 1, 5 and 15 minutes.')
    .withTarget(promQuery(q.loadAverage(on(c), 1), '{{instance}} 1m', 'A'))
    .withTarget(promQuery(q.loadAverage(on(c), 5), '{{instance}} 5m', 'B'))
    .withTarget(promQuery(q.loadAverage(on(c), 15), '{{instance}} 15m', 'C'));
