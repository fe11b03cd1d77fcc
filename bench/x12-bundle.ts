import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../src/interop/x12/file-worker.ts', import.meta.url));
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Bundles `entry` into `outfile` for plain node (no tsx), with the X12 reader's file worker as
 * `x12-file-worker.mjs` beside it, where the bundled reader looks for it.
 */
export async function bundleWithX12Worker(entry: string, outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', banner: { js: BANNER } } as const;
  await build({ ...common, entryPoints: [entry], outfile });
  await build({ ...common, entryPoints: [WORKER], outfile: join(dirname(outfile), 'x12-file-worker.mjs') });
}
