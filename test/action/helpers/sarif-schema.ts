/**
 * Validates a SARIF log against the official SARIF 2.1.0 JSON Schema (draft-04, shipped by
 * @microsoft/jest-sarif as sarif-2.1.0-rtm.5.json) with ajv, plus the constraints GitHub code
 * scanning (upload-sarif) adds on top of the schema. Returns the problems; [] when valid.
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: unknown }[] | null };
let validator: ValidateFn | undefined;

function compile(): ValidateFn {
  if (!validator) {
    // unicodeRegExp: false — the official schema's `language` pattern is not valid with the `u` flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(schema as object) as ValidateFn;
  }
  return validator;
}

/** GitHub code scanning limits (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning). */
const GITHUB_MAX_RUNS = 20;
const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
const GITHUB_MAX_RULES_PER_RUN = 25_000;
const GITHUB_MAX_LOCATIONS_PER_RESULT = 1_000;
const GITHUB_MAX_TAGS_PER_RULE = 20;

function githubProblems(log: any): string[] {
  const problems: string[] = [];
  if (log?.version !== '2.1.0') problems.push('github: version must be "2.1.0"');
  const runs: any[] = Array.isArray(log?.runs) ? log.runs : [];
  if (runs.length === 0) problems.push('github: at least one run is required');
  if (runs.length > GITHUB_MAX_RUNS) problems.push(`github: more than ${GITHUB_MAX_RUNS} runs`);
  runs.forEach((run, r) => {
    const at = `/runs/${r}`;
    const rules: any[] = run?.tool?.driver?.rules ?? [];
    if (!run?.tool?.driver?.name) problems.push(`github: ${at}/tool/driver/name is required`);
    if (rules.length > GITHUB_MAX_RULES_PER_RUN) problems.push(`github: ${at} has more than ${GITHUB_MAX_RULES_PER_RUN} rules`);
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      if (ids.has(rule.id)) problems.push(`github: ${at}/tool/driver/rules/${i} duplicate rule id ${rule.id}`);
      ids.add(rule.id);
      if ((rule.properties?.tags?.length ?? 0) > GITHUB_MAX_TAGS_PER_RULE) problems.push(`github: rule ${rule.id} has more than 20 tags`);
    });
    const results: any[] = run?.results ?? [];
    if (results.length > GITHUB_MAX_RESULTS_PER_RUN) problems.push(`github: ${at} has more than ${GITHUB_MAX_RESULTS_PER_RUN} results`);
    results.forEach((result, i) => {
      const here = `${at}/results/${i}`;
      if (!result?.message?.text) problems.push(`github: ${here}/message/text is required`);
      if (typeof result.ruleIndex === 'number') {
        if (rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`github: ${here} ruleIndex does not point at ruleId ${result.ruleId}`);
      } else if (result.ruleId !== undefined && !ids.has(result.ruleId)) {
        problems.push(`github: ${here} ruleId ${result.ruleId} is not in tool.driver.rules`);
      }
      const locations: any[] = result?.locations ?? [];
      if (locations.length === 0) problems.push(`github: ${here} has no location`);
      if (locations.length > GITHUB_MAX_LOCATIONS_PER_RESULT) problems.push(`github: ${here} has more than 1000 locations`);
      locations.forEach((location, j) => {
        const physical = location?.physicalLocation;
        const uri: unknown = physical?.artifactLocation?.uri;
        if (typeof uri !== 'string' || uri.length === 0) problems.push(`github: ${here}/locations/${j} has no artifactLocation.uri`);
        const region = physical?.region;
        if (region) {
          if (!(region.startLine >= 1)) problems.push(`github: ${here}/locations/${j} startLine must be >= 1`);
          if (region.endLine !== undefined && region.endLine < region.startLine) problems.push(`github: ${here}/locations/${j} endLine < startLine`);
          if (
            region.startColumn !== undefined &&
            region.endColumn !== undefined &&
            (region.endLine === undefined || region.endLine === region.startLine) &&
            region.endColumn <= region.startColumn
          ) {
            problems.push(`github: ${here}/locations/${j} endColumn must be > startColumn on one line`);
          }
        }
      });
    });
    const automationId: unknown = run?.automationDetails?.id;
    if (automationId !== undefined && typeof automationId !== 'string') problems.push(`github: ${at}/automationDetails/id must be a string`);
  });
  return problems;
}

/** Problems of `log` as SARIF 2.1.0 (JSON Schema) and as a GitHub code-scanning upload; [] when valid. */
export function validateSarif(log: unknown): string[] {
  const validate = compile();
  // Validate what would be uploaded: the JSON text, not in-memory values (undefined, Maps...).
  const data = JSON.parse(JSON.stringify(log));
  const problems: string[] = [];
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      problems.push(`schema: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params ?? {})}`.trim());
    }
  }
  return [...problems, ...githubProblems(data)];
}
