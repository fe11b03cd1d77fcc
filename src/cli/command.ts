/** One `allied` sub-command. `run` gets the arguments after the command name and returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Where a command writes. Tests pass their own to capture output. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** true when stderr is a terminal (progress bars draw only then) */
  interactive: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** A usage error: printed with the command's usage line, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
