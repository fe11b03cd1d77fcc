import { issue, type Hl7Issue } from './errors.js';
import type { Hl7Segment } from './message.js';

/** The batch envelope around messages: FHS [BHS ... BTS] FTS, any of which may be missing. */
export interface BatchEnvelope {
  fileHeader: Hl7Segment | undefined;
  batchHeader: Hl7Segment | undefined;
  batchTrailer: Hl7Segment | undefined;
  fileTrailer: Hl7Segment | undefined;
}

/** Check the envelope against the messages it holds; problems are warnings, the messages still count. */
export function checkBatch(envelope: Hl7Segment[], messageCount: number, issues: Hl7Issue[]): BatchEnvelope {
  const find = (id: string) => envelope.find((s) => s.id === id);
  const b: BatchEnvelope = { fileHeader: find('FHS'), batchHeader: find('BHS'), batchTrailer: find('BTS'), fileTrailer: find('FTS') };
  if (b.batchHeader && !b.batchTrailer) {
    issues.push(issue('batch-trailer-missing', 'warning', 'the batch has a BHS but no BTS; its messages were read up to the end of the input', { segmentId: 'BTS' }));
  }
  if (b.fileHeader && !b.fileTrailer) {
    issues.push(issue('batch-trailer-missing', 'warning', 'the file has an FHS but no FTS; its messages were read up to the end of the input', { segmentId: 'FTS' }));
  }
  if (messageCount === 0) issues.push(issue('batch-empty', 'warning', 'the batch holds no messages'));
  const declared = b.batchTrailer?.get(1);
  if (b.batchTrailer && declared !== undefined && declared !== '' && Number(declared) !== messageCount) {
    issues.push(issue('batch-count-mismatch', 'warning', `BTS-1 says the batch holds ${declared} message(s) but ${messageCount} were found`, { segmentId: 'BTS', field: 1, line: b.batchTrailer.line }));
  }
  return b;
}
