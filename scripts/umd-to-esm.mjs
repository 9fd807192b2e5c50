/**
 * An esbuild plugin for the bundles (scripts/build.mjs, scripts/build-action.mjs). UMD builds
 * whose factory require()s its own files at run time (jsonc-parser) cannot be bundled: use
 * the package's ESM build instead ("module"), for those packages only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const UMD_PACKAGES = ['jsonc-parser'];

export const umdToEsm = {
  name: 'umd-to-esm',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${UMD_PACKAGES.join('|')})$`) }, async (args) => {
      if (args.pluginData?.umdToEsm) return undefined;
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { umdToEsm: true } });
      if (resolved.errors.length > 0) return undefined;
      const pkgDir = resolved.path.slice(0, resolved.path.lastIndexOf('node_modules') + 'node_modules'.length + 1 + args.path.length);
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
      return pkg.module ? { path: join(pkgDir, pkg.module) } : resolved;
    });
  },
};
