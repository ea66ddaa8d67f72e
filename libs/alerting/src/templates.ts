import { NotificationTemplateBuilder, type NotificationTemplate } from '@grafana/grafana-foundation-sdk/alerting';
import type { AlertingDefinition, AlertingResource, Problem, TemplateDefinition } from '@o11y/environment';
import { NAME, NAME_RULE, duplicateKeys, reporter, type Compiled } from './resource-checks.js';

/**
 * The title and message every contact point uses: the alert name and severity in the title, and per alert
 * its summary, description, runbook and the labels that say where it fired.
 */
export function o11yNotificationTemplate(): TemplateDefinition {
  return {
    name: 'o11y',
    template: [
      '{{ define "o11y.title" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }}, team {{ .CommonLabels.team }}){{ end }}',
      '',
      '{{ define "o11y.alert" }}{{ .Annotations.summary }}',
      '{{ if .Annotations.description }}{{ .Annotations.description }}',
      '{{ end }}Labels:{{ range .Labels.SortedPairs }} {{ .Name }}={{ .Value }}{{ end }}',
      '{{ if .Annotations.runbook_url }}Runbook: {{ .Annotations.runbook_url }}',
      '{{ end }}{{ if .PanelURL }}Panel: {{ .PanelURL }}',
      '{{ else if .DashboardURL }}Dashboard: {{ .DashboardURL }}',
      '{{ end }}{{ if .SilenceURL }}Silence: {{ .SilenceURL }}',
      '{{ end }}{{ end }}',
      '',
      '{{ define "o11y.message" }}{{ if .Alerts.Firing }}Firing:',
      '{{ range .Alerts.Firing }}{{ template "o11y.alert" . }}',
      '{{ end }}{{ end }}{{ if .Alerts.Resolved }}Resolved:',
      '{{ range .Alerts.Resolved }}{{ template "o11y.alert" . }}',
      '{{ end }}{{ end }}{{ end }}',
      '',
    ].join('\n'),
  };
}

/** Names a template defines with `{{ define "name" }}`. */
export function definedTemplateNames(template: string): string[] {
  return [...template.matchAll(/\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}/g)].map((m) => m[1]!);
}

/** Names a text uses with `{{ template "name" ... }}`. */
export function usedTemplateNames(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*template\s+"([^"]+)"/g)].map((m) => m[1]!);
}

/** The body of PUT /api/v1/provisioning/templates/:name. */
export function templateBody(t: TemplateDefinition): NotificationTemplate {
  return JSON.parse(JSON.stringify(new NotificationTemplateBuilder().name(t.name).template(t.template).build())) as NotificationTemplate;
}

/** The environment's templates ([o11yNotificationTemplate()] by default), checked, and the names they define. */
export function compileTemplates(definition: AlertingDefinition): Compiled<AlertingResource> & { defined: ReadonlySet<string> } {
  const problems: Problem[] = [];
  const report = reporter(problems, definition.source);
  const templates = definition.templates ?? [o11yNotificationTemplate()];
  const defined = new Set<string>();
  for (const name of duplicateKeys(templates, (t) => t.name)) report(`template ${name}`, 'name', 'defined twice');
  const resources = templates.map((t): AlertingResource => {
    if (!NAME.test(t.name)) report(`template ${t.name}`, 'name', NAME_RULE);
    const names = definedTemplateNames(t.template);
    if (names.length === 0) report(`template ${t.name}`, 'template', 'defines nothing: use {{ define "name" }}...{{ end }}');
    names.forEach((n) => defined.add(n));
    return { kind: 'alert-template', uid: t.name, title: t.name, body: { ...templateBody(t) }, source: definition.source };
  });
  return { resources, problems, defined };
}
