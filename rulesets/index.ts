/** The default preset: every rule of the catalog with the seed conventions. */
import { createIntegrationRuleset } from './create';

const ruleset = createIntegrationRuleset();
export default ruleset;
