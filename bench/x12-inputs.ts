// Inputs for the X12 benchmark and profiling: a generated 835 and 837P, written a batch at a time.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { write837 } from '../src/interop/x12/index.js';
import { sampleClaim } from '../src/interop/x12/writer/sample.js';

export const CLAIMS_PER_SET = 1000;

export const env = { contact: { name: 'BILLING OFFICE', phone: '5555551212' }, senderId: 'ALLIEDBENCH', receiverId: 'PAYERBENCH' };

export function claimsBatch(start: number, n: number): ReturnType<typeof sampleClaim>[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = start + i;
    out.push(sampleClaim(`CLM${k}`, { subscriber: { ...sampleClaim('x').subscriber, id: `M${k % 5000}`, name: `DOE${k % 97}` } }));
  }
  return out;
}

export function line835(i: number): string {
  const id = `CLM${i}`;
  return [
    `CLP*${id}*1*150*95*20*12*PAYER${i}*11*1~`, `CAS*PR*1*20~`, `NM1*QC*1*DOE*JANE****MI*M${i % 5000}~`, `DTM*232*20240105~`,
    `SVC*HC:94640*100*65**1~`, `DTM*472*20240105~`, `CAS*CO*45*25~`, `REF*6R*${id}-1~`, `AMT*B6*75~`,
    `SVC*HC:94760:59*50*30**1~`, `DTM*472*20240105~`, `CAS*CO*45*20~`, `REF*6R*${id}-2~`, `AMT*B6*30~`,
  ].join('\n') + '\n';
}

/** An 835 of about `targetBytes`, `perSet` claims per ST..SE (Infinity: the whole file is one set), written a batch at a time. */
export async function generate835(path: string, targetBytes: number, perSet = CLAIMS_PER_SET): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let claim = 0;
  let set = 0;
  const write = async (text: string): Promise<void> => {
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('ISA*00*          *00*          *ZZ*PAYERBENCH     *ZZ*ALLIEDBENCH    *240105*1200*^*00501*000000001*0*P*:~\nGS*HP*PAYERBENCH*ALLIEDBENCH*20240105*1200*1*X*005010X221A1~\n');
  // claims per set, so BPR02 (95.00 paid per claim) balances: a single set is sized from the target
  const claimsInSet = Number.isFinite(perSet) ? perSet : Math.ceil(targetBytes / line835(0).length);
  while (bytes < targetBytes) {
    set++;
    const control = String(set).padStart(4, '0');
    await write(`ST*835*${control}*005010X221A1~\nBPR*I*${(95 * claimsInSet).toFixed(2)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240105~\nTRN*1*TRACE${set}*1512345678~\nDTM*405*20240105~\nN1*PR*ACME HEALTH PLAN~\nN3*1 PAYER WAY~\nN4*CHICAGO*IL*60601~\nN1*PE*ALLIED RESPIRATORY CLINIC*XX*1234567893~\nLX*1~\n`);
    let segments = 9;
    for (let i = 0; i < claimsInSet; i += 1000) {
      let body = '';
      for (let k = i; k < Math.min(claimsInSet, i + 1000); k++) {
        body += line835(claim++);
        segments += 14;
      }
      await write(body);
    }
    await write(`SE*${segments + 1}*${control}~\n`);
  }
  out.end(`GE*${set}*1~\nIEA*1*000000001~\n`);
  await once(out, 'finish');
  return claim;
}

export async function generate837(path: string, claims: number): Promise<void> {
  const out = createWriteStream(path);
  for (let start = 0, n = 1; start < claims; start += CLAIMS_PER_SET, n++) {
    const text = write837(claimsBatch(start, Math.min(CLAIMS_PER_SET, claims - start)), { ...env, interchangeControl: n, groupControl: n, lineBreaks: true });
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
