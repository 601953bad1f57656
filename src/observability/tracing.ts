import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { NodeSDK, resources } from "@opentelemetry/sdk-node";
import { DEFAULT_SERVICE_NAME } from "./tracingConfig";

// OpenTelemetry's Node SDK, configured by the standard OTEL_* variables: the exporter (OTEL_TRACES_EXPORTER,
// otlp by default), its endpoint, protocol and headers (OTEL_EXPORTER_OTLP_*), sampling (OTEL_TRACES_SAMPLER),
// batching (OTEL_BSP_*), propagation (OTEL_PROPAGATORS, W3C tracecontext and baggage by default, so a
// gateway's traceparent becomes the parent of the server span). Loaded only by src/telemetry.ts, and only
// when tracing is asked for.

export interface Tracing {
  /** Ends the spans still open and exports what is buffered. */
  shutdown(): Promise<void>;
}

export function startTracing(env: NodeJS.ProcessEnv): Tracing {
  const sdk = new NodeSDK({
    // Ours is the base; OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are detected over it and win.
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ "service.name": DEFAULT_SERVICE_NAME })),
    instrumentations: [
      new HttpInstrumentation(),
      new ExpressInstrumentation(),
      // A span per resolver that does work, one per field of a list rather than one per item: a page of a
      // hundred users stays a readable trace.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
    // Traces only, unless asked: metrics are Prometheus's (/metrics), logs are pino's (stdout). The SDK's own
    // defaults would export both over OTLP.
    ...(env.OTEL_METRICS_EXPORTER?.trim() ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER?.trim() ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
