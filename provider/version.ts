/** The version of the provider-side tools (engine, CLI, plugin); follows package.json. */
export const SECLB_VERSION: string = require('../package.json').version;
