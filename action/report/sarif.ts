/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, every
 * rule with its help, results with 1-based regions, repository-relative URIs against
 * %SRCROOT%, stable partial fingerprints and a per-category automationDetails.id so that
 * shards upload side by side. Files that could not be linted are tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import pkg from '../../package.json';
import type { Finding, ReportInput, RuleHelp, Severity } from '../types';
import { encodePathForUri, formatJsonPath, isSafeUrl, sortByImportance, toSarifRegion } from './escape';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_TOOL_NAME = 'spectral-integration-ruleset';
export const FINGERPRINT_KEY = 'spectralIntegration/v1';
/** GitHub code scanning rejects runs with more results than this. */
export const SARIF_MAX_RESULTS = 25_000;

const INFORMATION_URI = 'https://github.com/integration-rulesets/spectral-integration-ruleset';

export interface SarifOptions {
  /** Results per run at most (default 25 000, GitHub's limit); the most important are kept. */
  maxResults?: number;
  /** Absolute path of the repository root (GITHUB_WORKSPACE) for originalUriBaseIds. */
  workspaceRoot?: string;
}

export function sarifLevel(severity: Severity | undefined): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'note';
}

/** Repository-relative POSIX path → URI reference (percent-encoded); absolute paths → file: URI. */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  // Finding.file is already POSIX (the lint side converts Windows separators); a backslash
  // left in it is part of a file name (legal on Linux) and is percent-encoded, not a separator.
  const posix = file;
  if (/^([A-Za-z]:)?\//.test(posix)) return { uri: pathToFileURL(posix).href };
  const relative = posix.replace(/^(\.\/)+/, '');
  return { uri: encodePathForUri(relative), uriBaseId: '%SRCROOT%' };
}

function informationUri(): string {
  const homepage = (pkg as { homepage?: string }).homepage;
  return isSafeUrl(homepage) ? homepage.replace(/#.*$/, '') : INFORMATION_URI;
}

function ruleDescriptor(id: string, help: RuleHelp | undefined, seen: Finding | undefined): Sarif.ReportingDescriptor {
  const description = help?.description?.trim() || id;
  const helpUri = help?.documentationUrl ?? seen?.documentationUrl;
  const severity = help?.severity ?? seen?.severity;
  const textParts = [description];
  if (isSafeUrl(helpUri)) textParts.push(`Documentation: ${helpUri}`);
  const markdown =
    help?.helpMarkdown?.trim() || (isSafeUrl(helpUri) ? `${description}\n\n[Documentation](${helpUri})` : description);
  const descriptor: Sarif.ReportingDescriptor = {
    id,
    name: id,
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    help: { text: textParts.join('\n\n'), markdown },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: { tags: ['api', 'spectral'] },
  };
  if (isSafeUrl(helpUri)) descriptor.helpUri = helpUri;
  return descriptor;
}

function firstSentence(text: string): string {
  const line = text.split(/\r?\n/)[0].trim();
  const match = /^(.{1,1000}?[.!?])(\s|$)/.exec(line);
  return (match ? match[1] : line.slice(0, 1000)) || text.slice(0, 1000);
}

/**
 * Builds the SARIF log. Deterministic for the same input (results in importance order, rules
 * sorted by id); at most `maxResults` results (default 25 000), the rest counted in
 * `runs[0].properties.omittedResults` and a tool notification.
 */
export function buildSarif(input: ReportInput, options: SarifOptions = {}): Sarif.Log {
  const maxResults = Math.max(0, Math.floor(options.maxResults ?? SARIF_MAX_RESULTS));

  const sorted = sortByImportance(input.findings);
  const firstByRule = new Map<string, Finding>();
  for (const f of sorted) if (!firstByRule.has(f.ruleId)) firstByRule.set(f.ruleId, f);
  const ruleIds = [...new Set([...input.rules.keys(), ...firstByRule.keys()])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => ruleDescriptor(id, input.rules.get(id), firstByRule.get(id)));

  const kept = sorted.slice(0, maxResults);
  const omitted = sorted.length - kept.length;

  const results: Sarif.Result[] = kept.map((finding) => {
    const result: Sarif.Result = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) as number,
      level: sarifLevel(finding.severity),
      message: { text: finding.message || finding.ruleId },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(finding.file),
            region: toSarifRegion(finding.range),
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    };
    if (finding.jsonPath.length > 0) {
      result.locations![0].logicalLocations = [
        { fullyQualifiedName: formatJsonPath(finding.jsonPath), kind: 'member' },
      ];
      result.properties = { jsonPath: finding.jsonPath };
    }
    return result;
  });

  const notifications: Sarif.Notification[] = input.failures.map((failure) => ({
    level: 'error',
    message: { text: failure.message || 'The file could not be linted.' },
    descriptor: { id: 'load-failure' },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(failure.file) } }],
  }));
  if (omitted > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${omitted} results over the limit of ${maxResults} results per run were left out (the most important are kept).`,
      },
      descriptor: { id: 'results-truncated' },
    });
  }

  const srcroot: Sarif.ArtifactLocation = options.workspaceRoot
    ? { uri: pathToFileURL(options.workspaceRoot.replace(/[\\/]*$/, '/')).href }
    : {};
  srcroot.description = { text: 'The root of the repository checkout.' };

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: SARIF_TOOL_NAME,
        informationUri: informationUri(),
        semanticVersion: pkg.version,
        version: pkg.version,
        rules,
      },
    },
    automationDetails: { id: input.category.endsWith('/') ? input.category : `${input.category}/` },
    originalUriBaseIds: { '%SRCROOT%': srcroot },
    columnKind: 'utf16CodeUnits',
    invocations: [
      {
        executionSuccessful: input.failures.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results,
    properties: {
      mode: input.mode,
      failSeverity: input.failSeverity,
      filesLinted: input.filesLinted.length,
      ...(omitted > 0 ? { omittedResults: omitted } : {}),
    },
  };
  if (input.sha && isSafeUrl(input.repositoryUrl)) {
    run.versionControlProvenance = [{ repositoryUri: input.repositoryUrl, revisionId: input.sha }];
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}
