import type { CliCommand } from './command.js';

/** Every `allied` sub-command, in the order `allied --help` lists them. */
export const commands: CliCommand[] = [];
