import { NotificationTemplateBuilder, type NotificationTemplate } from '@grafana/grafana-foundation-sdk/alerting';

/** A notification template group: one name, one or more `{{ define "..." }}` blocks. */
export interface TemplateDefinition {
  readonly name: string;
  readonly template: string;
}

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
