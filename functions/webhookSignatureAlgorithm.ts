import { resolvedRoot } from './lib/openapi';
import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { findParameter } from './lib/headers';
import { has, isNonEmptyString, isObject, isString } from './lib/guards';
import { deref } from './lib/schema';
import {
  SEED_SIGNATURE_HEADERS,
  WEBHOOK_STYLES,
  effectiveSignature,
  parameterPath,
  webhookOperations,
  type JsonPathArray,
  type WebhookStyle,
} from './lib/webhooks';

export interface WebhookSignatureAlgorithmOptions {
  /** Standard Webhooks (and either) also accept ed25519 (`v1a`). */
  style: WebhookStyle;
}

export type AlgorithmVerdict = 'ok' | 'insecure' | 'other';

const INSECURE_TEXT = /(^|[^a-z0-9])(hmac[-_ ]?)?(sha[-_ ]?1|md5)(?![0-9])/i;
const HMAC_SHA256_TEXT = /hmac[-_ ]?sha[-_ ]?256|(^|[^a-z0-9])sha[-_ ]?256(?![0-9])|(^|[^a-z0-9])hs256(?![0-9])/i;
const STANDARD_WEBHOOKS_TEXT = /ed25519|(^|[^a-z0-9])v1a?,/i;

/** Classifies a declared algorithm name. */
export function classifyAlgorithm(algorithm: string, style: WebhookStyle): AlgorithmVerdict {
  const name = algorithm.trim().toLowerCase().replace(/[_\s]+/g, '-');
  if (/^(hmac-?)?sha-?256$|^hs256$/.test(name)) return 'ok';
  if (style !== 'seed' && /^(ed25519|v1|v1a)$/.test(name)) return 'ok';
  if (INSECURE_TEXT.test(name)) return 'insecure';
  return 'other';
}

/** Classifies free text (a description or pattern): stated secure wins over a mention of SHA-1/MD5. */
export function classifyText(text: string, style: WebhookStyle): AlgorithmVerdict | undefined {
  if (HMAC_SHA256_TEXT.test(text)) return 'ok';
  if (style !== 'seed' && STANDARD_WEBHOOKS_TEXT.test(text)) return 'ok';
  if (INSECURE_TEXT.test(text)) return 'insecure';
  return undefined;
}

function expected(style: WebhookStyle): string {
  return style === 'seed' ? '`hmac-sha256`' : '`hmac-sha256` or `ed25519`';
}

/** Text of a header parameter that may state the scheme: descriptions, schema pattern, examples. */
function parameterText(parameter: Record<string, unknown>, root: unknown): string {
  const parts: unknown[] = [parameter.description, parameter.example];
  const schema = deref(parameter.schema, root);
  if (isObject(schema)) parts.push(schema.description, schema.pattern, schema.example, schema.title);
  return parts.filter(isString).join('\n');
}

/**
 * `webhook-signature-algorithm`: the signature scheme of every webhook op is stated as
 * HMAC-SHA256 (or ed25519 for Standard Webhooks), by its effective `x-webhook-signature.algorithm`
 * (op, else root) or by the signature header's description/schema pattern. SHA-1 and MD5 are
 * reported as insecure. Given: the document root (so a root declaration is reported once).
 */
export const webhookSignatureAlgorithm = defineFunction<unknown, WebhookSignatureAlgorithmOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { style: { enum: [...WEBHOOK_STYLES] } },
    },
  },
  function webhookSignatureAlgorithm(rootNode, options, context): IFunctionResult[] {
    const root = resolvedRoot(context);
    if (!isObject(root)) return [];
    const style = options?.style ?? 'seed';
    const results = new Map<string, IFunctionResult>();
    const add = (path: JsonPathArray, message: string) => {
      const key = path.map(String).join('\u0000');
      if (!results.has(key)) results.set(key, { message, path });
    };
    for (const { path, pathItem, operation } of webhookOperations(root, context.document.data)) {
      const signature = effectiveSignature(root, operation, path);
      if (signature && isObject(signature.value) && has(signature.value, 'algorithm')) {
        const algorithm = signature.value.algorithm;
        const algorithmPath = [...signature.path, 'algorithm'];
        if (!isNonEmptyString(algorithm)) {
          add(algorithmPath, `\`x-webhook-signature.algorithm\` must name the signature algorithm, e.g. ${expected(style)}.`);
          continue;
        }
        const verdict = classifyAlgorithm(algorithm, style);
        if (verdict === 'insecure') {
          add(
            algorithmPath,
            `Insecure webhook signature algorithm \`${algorithm}\` (SHA-1/MD5 are broken; treat this as an error): sign deliveries with ${expected(style)}.`,
          );
        } else if (verdict === 'other') {
          add(algorithmPath, `Webhook signature algorithm \`${algorithm}\` is not the convention: sign deliveries with ${expected(style)}.`);
        }
        continue;
      }
      // No declared algorithm: the signature header's description or pattern may state it.
      const names: string[] = [...SEED_SIGNATURE_HEADERS, 'webhook-signature'];
      if (signature && isObject(signature.value) && isNonEmptyString(signature.value.header)) names.push(signature.value.header);
      let verdict: AlgorithmVerdict | undefined;
      let insecureAt: JsonPathArray | undefined;
      for (const name of names) {
        const found = findParameter(pathItem, operation, name, 'header');
        if (!found) continue;
        const v = classifyText(parameterText(found.parameter, root), style);
        if (v === 'ok') {
          verdict = 'ok';
          break;
        }
        if (v === 'insecure' && !insecureAt) {
          verdict = 'insecure';
          insecureAt = parameterPath(path, found);
        }
      }
      if (verdict === 'ok') continue;
      if (verdict === 'insecure' && insecureAt) {
        add(
          insecureAt,
          `Insecure webhook signature: the signature header describes a SHA-1/MD5 scheme (broken; treat this as an error). Sign deliveries with ${expected(style)} and state it in \`x-webhook-signature.algorithm\`.`,
        );
        continue;
      }
      add(
        path,
        `Webhook operation does not state its signature algorithm: add \`x-webhook-signature: {algorithm: ${style === 'standard-webhooks' ? 'hmac-sha256 (or ed25519)' : 'hmac-sha256'}, header: ...}\` (here or at the root), or state it in the signature header's description.`,
      );
    }
    void rootNode;
    return [...results.values()];
  },
);

export default webhookSignatureAlgorithm;
