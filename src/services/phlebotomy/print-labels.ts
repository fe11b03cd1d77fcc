import type { Patient, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import type { DomainConfig, Handling } from '../../domain/index.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { buildContainerLabel, renderLabelsPdf, renderLabelsZpl, type ContainerLabel, type LabelPriority } from '../labels/index.js';
import { ServiceError } from '../errors.js';
import { CONTAINER_SYSTEM } from './collect.js';
import { REPRINTS_URL, reprintsOf } from './specimen-state.js';
import { labTestCodeOf } from './test-codes.js';
import { nonBloodLabelContainers } from './non-blood.js';

const RANK: Record<string, number> = { stat: 0, asap: 1, urgent: 2, routine: 3 };
export const PRINTS_URL = 'urn:allied:fhir:label-prints';

/**
 * Labels for collected specimens, as PDF or ZPL. Every print is counted on the specimen; any print
 * after the first is a reprint, and each is audited (who, which label, how many copies).
 */
export async function printLabels(ctx: RequestContext, repo: Repository, config: DomainConfig, input: { specimenIds: string[]; copies?: number; format: 'pdf' | 'zpl'; timeZone?: string }): Promise<{ body: Uint8Array | string; labels: ContainerLabel[] }> {
  if (!input.specimenIds.length) throw new ServiceError('invalid', 'Name the specimens to label (?ids=ID,ID)', 'ids');
  if (input.specimenIds.length > 50) throw new ServiceError('invalid', 'At most 50 specimens per print', 'ids');
  const labels: ContainerLabel[] = [];
  await repo.transaction(async (tx) => {
    for (const id of input.specimenIds) {
      const s = await tx.read<Specimen>(ctx, 'Specimen', id);
      const patient = await tx.read<Patient>(ctx, 'Patient', s.subject!.reference!.split('/')[1], { audit: false });
      const orders = await Promise.all((s.request ?? []).map((r) => tx.read<ServiceRequest>(ctx, 'ServiceRequest', r.reference!.split('/')[1], { audit: false })));
      const codes = orders.map((o) => labTestCodeOf(o, config));
      const tests = orders.map((o, i) => codes[i] ?? o.code?.text ?? 'LAB');
      const handling = [...new Set(codes.map((c) => (c ? config.phlebotomy.tests[c]?.handling : undefined)).filter((h): h is Handling => !!h))];
      const priority = orders.map((o) => o.priority ?? 'routine').sort((a, b) => (RANK[a] ?? 3) - (RANK[b] ?? 3))[0] as LabelPriority | undefined;
      const collector = s.collection?.collector;
      labels.push(
        buildContainerLabel(
          {
            patient: { name: patient.name?.[0] ?? {}, mrn: patient.identifier?.find((x) => x.type?.coding?.[0]?.code === 'MR' || x.system === 'urn:allied:mrn')?.value, birthDate: patient.birthDate, gender: patient.gender },
            containerId: s.identifier?.[0]?.value,
            container: s.type?.coding?.find((c) => c.system === CONTAINER_SYSTEM)?.code ?? '',
            tests,
            collectedAt: s.collection?.collectedDateTime,
            collectorId: collector?.identifier?.value ?? collector?.display,
            priority: priority ?? 'routine',
            handling,
            copies: input.copies,
          },
          { domainConfig: config as never, timeZone: input.timeZone, containers: nonBloodLabelContainers },
        ),
      );
      const prints = (s.extension?.find((e) => e.url === PRINTS_URL)?.valueInteger ?? 0) + 1;
      const reprints = prints > 1 ? reprintsOf(s) + 1 : reprintsOf(s);
      const ext = (s.extension ?? []).filter((e) => e.url !== PRINTS_URL && e.url !== REPRINTS_URL);
      await tx.update(ctx, { ...s, extension: [...ext, { url: PRINTS_URL, valueInteger: prints }, ...(reprints ? [{ url: REPRINTS_URL, valueInteger: reprints }] : [])] });
      tx.opts.audit?.enqueue(ctx, 'print', 'Specimen', s.id, s.subject?.reference, '0', `${input.format} x${labels.at(-1)!.copies}`, prints > 1 ? `reprint ${reprints}` : 'first print');
    }
  });
  const body = input.format === 'pdf' ? await renderLabelsPdf(labels) : renderLabelsZpl(labels);
  return { body, labels };
}
