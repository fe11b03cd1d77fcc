import type { CliCommand } from './command.js';
import { x12 } from './x12.js';

/** Every `allied` sub-command, in the order `allied --help` lists them. */
export const commands: CliCommand[] = [x12];
