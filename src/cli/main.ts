import { CliUsageError, processIo, type CliCommand, type CliIo } from './command.js';
import { commands } from './commands.js';

function help(io: CliIo): void {
  io.out('allied: the operations platform for allied-health work\n\nUsage: allied <command> [options]\n\nCommands:\n');
  for (const c of commands) io.out(`  ${c.name.padEnd(14)} ${c.summary}\n`);
  io.out('\nRun "allied <command> --help" for a command\'s options.\n');
}

/** Entry point of the `allied` command. Returns the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`allied: unknown command "${name}". Run "allied --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`allied ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`allied ${name}: ${message}\n`);
    return 1;
  }
}
