/**
 * Types of the event catalog and integration specification generated from OpenAPI and
 * AsyncAPI documents. The JSON output (`--format json`) is exactly these objects and is
 * described by `schemas/catalog-output.schema.json` and `schemas/spec-output.schema.json`.
 */

/** Where a value was read: the file (as given, relative to the working directory), a JSON Pointer into it, and the 1-based line when known. */
export interface SourceLocation {
  file: string;
  pointer: string;
  line?: number;
}

/** A value and the place it was declared. */
export interface Sourced<T> {
  value: T;
  source: SourceLocation;
}

export type DocumentKind = 'asyncapi' | 'openapi';

export interface DocumentInfo {
  file: string;
  kind: DocumentKind;
  /** `asyncapi` / `openapi` field value, e.g. "3.0.0". */
  specVersion: string;
  title: string | null;
  version: string | null;
  /** `x-service` (info or root), else `info.title`. */
  service: string | null;
}

export interface PayloadField {
  /** Dotted name (`data.customer.id`); array items are `name[]`. */
  name: string;
  /** JSON Schema type (`string`, `integer|null`, `array<string>`, `object`, `oneOf<...>`) or the Avro type. */
  type: string;
  required: boolean;
  format?: string;
  /** `const` or `enum` values. */
  values?: unknown[];
  description?: string;
  /** Files whose declaration of the event carries this field (after merging). */
  declaredIn?: string[];
}

export interface Payload {
  format: 'json-schema' | 'avro' | 'unknown';
  /** The declared schemaFormat, when there is one. */
  schemaFormat?: string;
  fields: PayloadField[];
  /** True when the field list was cut (depth or count limit, or a circular schema). */
  truncated?: boolean;
  /** `$ref`s that could not be resolved (their fields are missing). */
  unresolvedRefs?: string[];
}

export interface DeadLetterQueue {
  /** Where it is declared: the `x-dlq` extension, an SQS or an SNS binding. */
  kind: 'x-dlq' | 'sqs' | 'sns';
  /** Dead-letter channel, queue name or ARN, as declared. */
  target: string | null;
  retention?: string;
  alertThreshold?: number;
  maxReceiveCount?: number;
  /** The service whose operation (or channel) declares it. */
  service: string | null;
}

/** An `x-retry-policy` as declared (only declared keys are present). */
export interface RetryPolicy {
  maxAttempts?: unknown;
  backoff?: unknown;
  initialInterval?: unknown;
  multiplier?: unknown;
  maxInterval?: unknown;
  jitter?: unknown;
  schedule?: unknown;
  /** The service that retries. */
  service?: string | null;
}

export interface CorrelationId {
  location: string;
  description?: string;
}

export type EventOrigin = 'asyncapi-message' | 'openapi-webhook';

export interface CatalogEntry {
  /** `name@version`, or `name` when no version is declared: the merge key. */
  key: string;
  name: string;
  version: string | null;
  /** Where the version was read (name suffix, `event_version` const...). */
  versionSource?: SourceLocation;
  summary: string | null;
  origins: EventOrigin[];
  /** Channel addresses (AsyncAPI) or `webhook <name> (<METHOD>)`. */
  channels: Sourced<string>[];
  producers: Sourced<string>[];
  consumers: Sourced<string>[];
  deliveryGuarantees: Sourced<string>[];
  deadLetterQueues: Sourced<DeadLetterQueue>[];
  retryPolicies: Sourced<RetryPolicy>[];
  correlationIds: Sourced<CorrelationId>[];
  payload: Payload;
  /** Every declaration of the event (message or webhook operation). */
  sources: SourceLocation[];
}

export type ConflictAspect = 'producer' | 'delivery-guarantee' | 'payload-field-type' | 'correlation-id' | 'payload-format';

export interface Conflict {
  event: string;
  aspect: ConflictAspect;
  /** For payload-field-type: the dotted field name. */
  field?: string;
  message: string;
  values: Sourced<string>[];
}

export interface InputProblem {
  file: string;
  /** unreadable: I/O error; unparsable: YAML/JSON syntax; unsupported: not a supported document/version; invalid: rejected by the parser (bad refs, schema errors). */
  kind: 'unreadable' | 'unparsable' | 'unsupported' | 'invalid';
  message: string;
}

export interface CatalogResult {
  documents: DocumentInfo[];
  events: CatalogEntry[];
  conflicts: Conflict[];
  /** Documents that could not be read (the catalog covers the others). */
  errors: InputProblem[];
  /** Non-fatal notes (unresolved refs, unknown payload formats). */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------
// Integration specification (`spec`)

/** A declared extension value as written (only declared keys). `false` for `x-rate-limit: false`. */
export type Declared = Record<string, unknown>;

export interface HttpOperation {
  method: string;
  path: string;
  operationId: string | null;
  summary: string | null;
  source: SourceLocation;
  /** Effective security requirement names (operation, else root); `[]` = explicitly none; null = not declared. */
  security: Sourced<string[]> | null;
  /** Effective `x-rate-limit` (operation, path item, root); `false` = exempt. */
  rateLimit: Sourced<Declared | false> | null;
  /** The `Idempotency-Key` header parameter, if the operation takes one. */
  idempotencyKey: Sourced<{ header: string; required: boolean }> | null;
  /** Effective `x-idempotency` (operation, else root). */
  idempotency: Sourced<Declared> | null;
  retryPolicy: Sourced<Declared> | null;
  circuitBreaker: Sourced<Declared> | null;
  timeout: Sourced<string> | null;
  /** Response status codes (keys of `responses`). */
  responses: string[];
  /** Rate-limit headers (X-RateLimit-*, RateLimit, RateLimit-Policy, Retry-After) declared on its responses. */
  rateLimitHeaders: string[];
}

export interface HttpApi {
  file: string;
  title: string | null;
  version: string | null;
  service: string | null;
  servers: string[];
  operations: HttpOperation[];
}

export interface WebhookInfo {
  file: string;
  service: string | null;
  kind: 'webhook' | 'callback';
  /** Webhook name, or `<operation> callback <name> <expression>`. */
  name: string;
  method: string;
  operationId: string | null;
  summary: string | null;
  source: SourceLocation;
  /** Effective `x-webhook-signature` (operation, else root). */
  signature: Sourced<Declared> | null;
  /** Header parameters of the operation, with their `required` flag. */
  headers: { name: string; required: boolean }[];
  /** Effective `x-webhook-delivery` (operation, else root). */
  delivery: Sourced<Declared> | null;
}

export interface IntegrationInfo {
  file: string;
  service: string | null;
  /** The declared `x-integrations[*]` entry as written. */
  integration: Sourced<Declared>;
}

export interface SecurityScheme {
  file: string;
  name: string;
  type: string | null;
  /** Declared details: scheme, bearerFormat, in/name, flows and scopes, openIdConnectUrl. */
  details: string[];
  description: string | null;
  source: SourceLocation;
}

export interface ConsumerDlq {
  file: string;
  service: string | null;
  operation: string;
  action: string;
  channels: string[];
  messages: string[];
  deliveryGuarantees: string[];
  deadLetterQueues: Sourced<DeadLetterQueue>[];
  source: SourceLocation;
}

export interface PolicyRow<T> {
  /** Where it applies, e.g. `Order API: POST /orders`, `Order Service: operation receivePaymentCompleted`, `integration Stripe`. */
  scope: string;
  value: T;
  source: SourceLocation;
}

export interface SpecResult {
  title: string;
  documents: DocumentInfo[];
  summary: {
    services: string[];
    httpApis: number;
    httpOperations: number;
    events: number;
    webhooks: number;
    integrations: number;
    conflicts: number;
    gaps: number;
  };
  /** Mermaid flowchart source of services, channels, HTTP APIs, webhooks and integrations. */
  diagram: string;
  httpApis: HttpApi[];
  catalog: CatalogResult;
  retries: PolicyRow<Declared>[];
  timeouts: PolicyRow<string>[];
  circuitBreakers: PolicyRow<Declared>[];
  rateLimits: PolicyRow<Declared | false>[];
  idempotency: PolicyRow<Declared>[];
  consumers: ConsumerDlq[];
  webhooks: WebhookInfo[];
  integrations: IntegrationInfo[];
  securitySchemes: SecurityScheme[];
  /** Everything the documents leave undeclared, one sentence each. */
  gaps: string[];
}
