/**
 * `spectral-integration-ruleset/resolver`: a $ref resolver for `spectral lint --resolver`
 * with the GitHub Action's safe defaults. Spectral's own resolver follows every $ref: it
 * fetches http(s) URLs and reads any file on the machine, so a document under review can make
 * CI send requests (request forgery) or read files outside the repository. This one:
 *  - reads file $refs only inside the current directory (or $SPECTRAL_REF_ROOT), after
 *    following symlinks;
 *  - refuses http(s) $refs;
 * each refused $ref becoming Spectral's usual `invalid-ref` result that says why. Set
 * SPECTRAL_ALLOW_REMOTE_REFS=true to allow both, as Spectral does by default.
 *
 *   npx spectral lint --resolver node_modules/spectral-integration-ruleset/lib/resolver.js api.yaml
 */
import * as path from 'node:path';
import { FastConfinedResolver } from '../action/fast-resolver';

const root = path.resolve(process.env.SPECTRAL_REF_ROOT || process.cwd());
const allowRemote = /^(1|true|yes)$/i.test(process.env.SPECTRAL_ALLOW_REMOTE_REFS ?? '');

const resolver = new FastConfinedResolver({ root, allowRemote, allowHint: 'set SPECTRAL_ALLOW_REMOTE_REFS=true' });
export = resolver;
