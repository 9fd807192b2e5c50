/** The action's end-to-end suite on Node 20 (`node`), plus the check-run tests. */
import { defineCheckRunSuite, defineEndToEndSuite } from './helpers/e2e-suite';

defineEndToEndSuite('node20');
defineCheckRunSuite();
