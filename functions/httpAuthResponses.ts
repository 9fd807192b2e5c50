import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject } from './lib/guards';
import { effectiveSecurity, operationLocation, requiresAuthentication, resolvedRoot } from './lib/openapi';
import { documentsStatus, requirementNeedsAuthorization, responsesOf } from './lib/rest';

/**
 * `http-auth-responses`: an operation whose effective security requires authentication (every
 * alternative non-empty; an `{}` alternative makes it optional) documents 401; one whose
 * requirement carries scopes, or uses an oauth2/openIdConnect scheme, also documents 403. A
 * `4XX` range key documents both. Given: the operations under `paths`; results at the operation.
 */
export const httpAuthResponses = defineFunction<unknown, null>(
  { input: null, options: null },
  function httpAuthResponses(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location) return [];
    const root = resolvedRoot(context);
    const security = effectiveSecurity(root, operation);
    if (!requiresAuthentication(security) || !security) return [];
    const responses = responsesOf(operation);
    if (!responses) return [];
    const op = `${location.method.toUpperCase()} ${location.pathKey}`;
    const results: IFunctionResult[] = [];
    if (!documentsStatus(responses, '401')) {
      results.push({
        message: `${op} requires authentication but documents no 401 Unauthorized response; add a 401 for missing or invalid credentials.`,
        path: [...context.path],
      });
    }
    if (requirementNeedsAuthorization(security, root) && !documentsStatus(responses, '403')) {
      results.push({
        message: `${op} requires scopes (or an OAuth 2.0 / OpenID Connect scheme) but documents no 403 Forbidden response; add a 403 for credentials that lack the required scope.`,
        path: [...context.path],
      });
    }
    return results;
  },
);

export default httpAuthResponses;
