import type { CliIo } from './command.js';

/** A progress bar on stderr when it is a terminal; plain periodic lines otherwise (CI logs). */
export function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  let lastLine = 0;
  const started = Date.now();
  return (done, total) => {
    const pct = total ? Math.min(1, done / total) : 1;
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    if (io.interactive) {
      const width = 30;
      const filled = Math.round(pct * width);
      io.err(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${(pct * 100).toFixed(0)}% ${rate.toFixed(0)}/s${done >= total ? '\n' : ''}`);
    } else if (Date.now() - lastLine > 2000 || done >= total) {
      lastLine = Date.now();
      io.err(`${label}: ${done}/${total} (${(pct * 100).toFixed(0)}%)\n`);
    }
  };
}
