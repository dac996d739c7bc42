{{/* Chart name, overridable. */}}
{{- define "autoresponder.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name for resources: release-chart, shortened to the release name when it already contains the chart
name, and cut to 63 characters (the DNS label limit Kubernetes names obey).
*/}}
{{- define "autoresponder.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart label value: name-version. */}}
{{- define "autoresponder.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "autoresponder.labels" -}}
helm.sh/chart: {{ include "autoresponder.chart" . }}
{{ include "autoresponder.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the pods: must never change between upgrades (Deployment selectors are immutable). */}}
{{- define "autoresponder.selectorLabels" -}}
app.kubernetes.io/name: {{ include "autoresponder.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of the helm test pod: its own name, so that no Service, PodDisruptionBudget or NetworkPolicy of the release
selects it as one of the service's pods.
*/}}
{{- define "autoresponder.testSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-test" (include "autoresponder.name" .) }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "autoresponder.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "autoresponder.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference: a digest pins it exactly and wins over the tag. */}}
{{- define "autoresponder.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* Name of the HTTP Service (health and metrics); also the job name a ServiceMonitor scrape gets. */}}
{{- define "autoresponder.httpServiceName" -}}
{{- printf "%s-http" (include "autoresponder.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "true" when the pods run the embedded broker. */}}
{{- define "autoresponder.embedded" -}}
{{- if eq .Values.broker.mode "embedded" }}true{{ end }}
{{- end }}

{{/* Name of the Secret with the external broker's credentials, empty when there are none. */}}
{{- define "autoresponder.credentialsSecret" -}}
{{- if .Values.broker.external.existingSecret }}
{{- .Values.broker.external.existingSecret }}
{{- else if or .Values.broker.external.username .Values.broker.external.password }}
{{- include "autoresponder.fullname" . }}
{{- end }}
{{- end }}

{{/* Name of the Secret with the embedded broker's own user's password, empty when there is no such user. */}}
{{- define "autoresponder.brokerAuthSecret" -}}
{{- with .Values.broker.embedded.auth }}
{{- if and (include "autoresponder.embedded" $) .username }}
{{- .existingSecret | default (printf "%s-broker-auth" (include "autoresponder.fullname" $)) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Whether the chart makes the Secret of the embedded broker's own user (no existing one was named). */}}
{{- define "autoresponder.generatesBrokerAuthSecret" -}}
{{- if and (include "autoresponder.brokerAuthSecret" .) (not .Values.broker.embedded.auth.existingSecret) }}true{{ end }}
{{- end }}

{{/* Whether the embedded broker reads an ACL file, from the chart's ConfigMap or an existing one. */}}
{{- define "autoresponder.aclConfigMap" -}}
{{- with .Values.broker.embedded.acl }}
{{- if include "autoresponder.embedded" $ }}
{{- if .existingConfigMap }}
{{- .existingConfigMap }}
{{- else if .rules }}
{{- printf "%s-broker-acl" (include "autoresponder.fullname" $) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Environment-variable prefix of the external-mode connector's keys (mp.messaging.connector.<name>.*). */}}
{{- define "autoresponder.connectorEnv" -}}
{{- printf "MP_MESSAGING_CONNECTOR_%s" (.Values.broker.external.connector | upper | replace "-" "_") }}
{{- end }}

{{/* Whether external mode runs our MQTT 5 connector (the default). */}}
{{- define "autoresponder.ourConnector" -}}
{{- if and (not (include "autoresponder.embedded" .)) (eq .Values.broker.external.connector "autoresponder-mqtt") }}true{{ end }}
{{- end }}

{{/* Where the duplicate journal lives in the container (an emptyDir). */}}
{{- define "autoresponder.journalPath" -}}
/var/lib/autoresponder/duplicates
{{- end }}

{{/* The request topic: shared in external mode, so each request reaches one replica only. */}}
{{- define "autoresponder.requestTopic" -}}
{{- $group := .Values.broker.external.sharedSubscriptionGroup }}
{{- if and (not (include "autoresponder.embedded" .)) $group }}
{{- printf "$share/%s/%s" $group .Values.responder.requestTopic }}
{{- else }}
{{- .Values.responder.requestTopic }}
{{- end }}
{{- end }}

{{/*
Combinations that cannot work stop the render with a message instead of deploying something broken.
*/}}
{{- define "autoresponder.validate" -}}
{{- $mode := .Values.broker.mode }}
{{- if .Values.console.enabled }}
{{- if not (regexMatch "^[a-z0-9]+$" .Values.console.user) }}
{{- fail (printf "console.user must be lower case letters and digits (it becomes part of an environment variable's name), not %q" .Values.console.user) }}
{{- end }}
{{- if not .Values.console.existingSecret }}
{{- fail "console.enabled needs console.existingSecret: a Secret with the console user's password under console.passwordKey." }}
{{- end }}
{{- end }}
{{- if and .Values.tracing.enabled (not .Values.tracing.endpoint) }}
{{- fail "tracing.enabled needs tracing.endpoint: the OTLP endpoint of your collector, e.g. http://otel-collector.observability:4317" }}
{{- end }}
{{- if not (has $mode (list "embedded" "external")) }}
{{- fail (printf "broker.mode must be \"embedded\" or \"external\", not %q" $mode) }}
{{- end }}
{{- if eq $mode "embedded" }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail (printf "broker.mode=embedded runs one replica (the embedded broker does not cluster; each pod would be a separate broker), but replicaCount=%d. Use broker.mode=external with an MQTT broker cluster to scale out." (int .Values.replicaCount)) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled needs broker.mode=external: the embedded broker runs as a single replica." }}
{{- end }}
{{- if .Values.podDisruptionBudget.enabled }}
{{- fail "podDisruptionBudget.enabled needs broker.mode=external: with the single embedded-mode replica it would block every node drain." }}
{{- end }}
{{- with .Values.broker.embedded.auth }}
{{- if and .username (not (regexMatch "^[a-z0-9]+$" .username)) }}
{{- fail (printf "broker.embedded.auth.username must be lower case letters and digits (it becomes part of an environment variable's name), not %q" .username) }}
{{- end }}
{{- if not (or .allowAnonymous .username .passwordFile.existingSecret) }}
{{- fail "broker.embedded.auth lets nobody connect: set username (the chart's user), passwordFile.existingSecret, or allowAnonymous=true." }}
{{- end }}
{{- end }}
{{- if and .Values.broker.embedded.acl.rules .Values.broker.embedded.acl.existingConfigMap }}
{{- fail "broker.embedded.acl: give rules or existingConfigMap, not both (the broker reads one ACL file)." }}
{{- end }}
{{- with .Values.broker.embedded.tls }}
{{- if .enabled }}
{{- if not .secretName }}
{{- fail "broker.embedded.tls.enabled needs broker.embedded.tls.secretName (a kubernetes.io/tls Secret with tls.crt and tls.key)." }}
{{- end }}
{{- if not (has .clientAuth (list "none" "request" "required")) }}
{{- fail (printf "broker.embedded.tls.clientAuth must be none, request or required, not %q" .clientAuth) }}
{{- end }}
{{- if and (ne .clientAuth "none") (not .clientCaSecretName) }}
{{- fail (printf "broker.embedded.tls.clientAuth=%s needs broker.embedded.tls.clientCaSecretName (a Secret with ca.crt) to check client certificates." .clientAuth) }}
{{- end }}
{{- end }}
{{- end }}
{{- else }}
{{- if not .Values.broker.external.host }}
{{- fail "broker.mode=external needs broker.external.host." }}
{{- end }}
{{- if not (has .Values.broker.external.connector (list "autoresponder-mqtt" "smallrye-mqtt")) }}
{{- fail (printf "broker.external.connector must be \"autoresponder-mqtt\" or \"smallrye-mqtt\", not %q" .Values.broker.external.connector) }}
{{- end }}
{{- if and (eq .Values.broker.external.connector "autoresponder-mqtt") .Values.broker.external.tls.enabled (ne .Values.broker.external.tls.hostnameVerification "HTTPS") }}
{{- fail "broker.external.tls.hostnameVerification=NONE needs broker.external.connector=smallrye-mqtt: autoresponder-mqtt always checks the host name." }}
{{- end }}
{{- if and (not .Values.broker.external.sharedSubscriptionGroup) (or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1)) }}
{{- fail "more than one replica needs broker.external.sharedSubscriptionGroup: without it every replica answers every request." }}
{{- end }}
{{- end }}
{{- if ge (int .Values.shutdownTimeoutSeconds) (int .Values.terminationGracePeriodSeconds) }}
{{- fail "shutdownTimeoutSeconds must be below terminationGracePeriodSeconds, or Kubernetes kills the pod mid-shutdown." }}
{{- end }}
{{- end }}

{{/*
Label matchers that scope every alert to this release's pods: its namespace, and the scrape job the
ServiceMonitor makes (the HTTP Service's name), unless prometheusRule.selector replaces them.
*/}}
{{- define "autoresponder.ruleSelector" -}}
{{- if .Values.prometheusRule.selector }}
{{- .Values.prometheusRule.selector }}
{{- else }}
{{- printf "namespace=%q, job=%q" .Release.Namespace (include "autoresponder.httpServiceName" .) }}
{{- end }}
{{- end }}

