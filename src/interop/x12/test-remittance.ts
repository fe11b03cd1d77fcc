/**
 * Test files: an 835 interchange of generated remittances, one segment per line. Each claim payment
 * is paid 95.00 of 150.00 with one service line; `claim` may change a claim's status (CLP02) or
 * its received date (DTM*232) to break it on purpose.
 */
export function remittance835(sets: number, claimsPerSet: number, claim: (set: number, i: number) => { status?: string; date?: string } = () => ({})): string {
  const seg = (s: string): string => `${s}~\n`;
  const out: string[] = [];
  for (let set = 1; set <= sets; set++) {
    const control = String(set).padStart(4, '0');
    const head = [seg(`ST*835*${control}*005010X221A1`), seg(`BPR*I*${claimsPerSet * 95}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240105`), seg(`TRN*1*TRACE${set}*1512345678`), seg('N1*PR*ACME HEALTH PLAN'), seg('N3*1 PAYER WAY'), seg('N4*CHICAGO*IL*60601'), seg('N1*PE*ALLIED CLINIC*XX*1234567893'), seg('LX*1')];
    const body: string[] = [];
    for (let i = 0; i < claimsPerSet; i++) {
      const { status = '1', date = '20240105' } = claim(set, i);
      const id = `S${set}C${i}`;
      body.push(seg(`CLP*${id}*${status}*150*95*20*12*P${i}`), seg('CAS*PR*1*20'), seg(`NM1*QC*1*DOE*JANE****MI*M${i}`), seg(`DTM*232*${date}`), seg('SVC*HC:94640*150*95**1'), seg('DTM*472*20240105'), seg('CAS*CO*45*35'), seg(`REF*6R*${id}-1`));
    }
    out.push(head.join('') + body.join('') + seg(`SE*${head.length + body.length + 1}*${control}`));
  }
  return seg('ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:') + seg('GS*HP*PAYER*ALLIED*20240105*1200*1*X*005010X221A1') + out.join('') + seg(`GE*${sets}*1`) + seg('IEA*1*000000001');
}
