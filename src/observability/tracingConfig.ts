// Whether the environment asks for OpenTelemetry tracing, decided without loading the SDK: a service that is
// not asked to trace neither loads nor starts it.

/** The service name spans carry unless OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
export const DEFAULT_SERVICE_NAME = "usergraph";

/**
 * On when an OTLP endpoint or a traces exporter is named: OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_TRACES_EXPORTER (other than "none"). OTEL_SDK_DISABLED=true
 * turns it off whatever else is set, as the specification has it.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const set = (name: string): boolean => (env[name]?.trim() ?? "") !== "";
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  if (set("OTEL_TRACES_EXPORTER")) return env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() !== "none";
  return set("OTEL_EXPORTER_OTLP_ENDPOINT") || set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
}
