export { runCli, BUILTIN_PLUGINS, DEFAULT_URI, type RunOptions } from './cli.js';
export { splitCommands, commandsFromArgv } from './tokenize.js';
export type { CliIo } from './output.js';
export { CLI_VERSION } from './version.js';
export { promptLine, terminalAuth, type PromptInput } from './terminal-prompt.js';
