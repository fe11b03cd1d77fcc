import type { CliCommand } from './command.js';
import { serveCommand } from './serve.js';
import { migrateCommand, seedCommand, userCommand, tokenCommand, auditCommand } from './admin.js';
import { exportCommand, importCommand } from './transfer.js';
import { configCommand } from './config.js';
import { catalogueCommand } from './catalogue.js';
import { labsCommand } from './labs.js';
import { x12 } from './x12.js';

/** Every `allied` sub-command, in the order `allied --help` lists them. */
export const commands: CliCommand[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCommand,
  tokenCommand,
  exportCommand,
  importCommand,
  auditCommand,
  configCommand,
  catalogueCommand,
  labsCommand,
  x12,
];
