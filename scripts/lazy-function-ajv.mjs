/**
 * A source transform for the action bundle (scripts/build-action.mjs).
 *
 * spectral-core's ruleset/function.js builds an Ajv instance (with ajv-formats and ajv-errors)
 * when it loads: ~40 ms at the start of every lint worker, on the critical path, for Ajv that
 * only createRulesetFunction uses (Spectral's built-in functions, custom functions of
 * users' rulesets; ours do not). In the bundle the instance is built on the first
 * createRulesetFunction call instead: same options, same plugins, same instance for every
 * later call. The build fails if the module no longer has the expected shape.
 */
const LAZY_AJV_LINES = [
  'const ajv_1 = tslib_1.__importDefault(require("ajv"));',
  'const ajv_formats_1 = tslib_1.__importDefault(require("ajv-formats"));',
  'const ajv_errors_1 = tslib_1.__importDefault(require("ajv-errors"));',
  "const ajv = new ajv_1.default({ allErrors: true, allowUnionTypes: true, strict: true, keywords: ['x-internal'] });",
  '(0, ajv_errors_1.default)(ajv);',
  '(0, ajv_formats_1.default)(ajv);',
];
/** The source of spectral-core's ruleset/function.js with its Ajv instance built on first use. */
export function lazyFunctionAjv(source) {
  let out = source;
  for (const line of LAZY_AJV_LINES) {
    if (out.split('\n').filter((l) => l === line).length !== 1) {
      throw new Error(`lazy-function-ajv: @stoplight/spectral-core/dist/ruleset/function.js changed (expected the line ${JSON.stringify(line)} once); update scripts/lazy-function-ajv.mjs`);
    }
    out = out.replace(`${line}\n`, '');
  }
  // what is left of the identifier `ajv`: exactly the two compile calls
  const uses = out.match(/(?<![\w$."'-])ajv(?![\w$"'-])[^;\n]{0,9}/g) ?? [];
  if (uses.length !== 2 || !uses.every((u) => u.startsWith('ajv.compile('))) {
    throw new Error('lazy-function-ajv: unexpected uses of `ajv` in @stoplight/spectral-core/dist/ruleset/function.js; update scripts/lazy-function-ajv.mjs');
  }
  const lazy = [
    'let lazyAjv = null;',
    'function getAjv() {',
    '  if (lazyAjv === null) {',
    '    const ajv_1 = tslib_1.__importDefault(require("ajv"));',
    '    const ajv_formats_1 = tslib_1.__importDefault(require("ajv-formats"));',
    '    const ajv_errors_1 = tslib_1.__importDefault(require("ajv-errors"));',
    "    lazyAjv = new ajv_1.default({ allErrors: true, allowUnionTypes: true, strict: true, keywords: ['x-internal'] });",
    '    (0, ajv_errors_1.default)(lazyAjv);',
    '    (0, ajv_formats_1.default)(lazyAjv);',
    '  }',
    '  return lazyAjv;',
    '}',
  ].join('\n');
  const anchor = 'const AggregateError = require("es-aggregate-error");';
  if (!out.includes(anchor)) throw new Error(`lazy-function-ajv: ${anchor} not found in @stoplight/spectral-core/dist/ruleset/function.js; update scripts/lazy-function-ajv.mjs`);
  return out.replace(anchor, `${anchor}\n${lazy}`).replace(/\bajv\.compile\(/g, 'getAjv().compile(');
}
