import type { AllergyIntolerance, Observation, Patient, ServiceRequest, Specimen, Task } from '@medplum/fhirtypes';
import { consolidateTubes, discardTubeRequired, inversionsFor, pediatricDrawAllowed, sortOrderOfDraw, type DomainConfig } from '../../domain/index.js';
import { loadCatalogue } from '../catalogue/store.js';
import { systems } from '../../fhir/systems.js';
import { drawClassOf } from '../../domain/phlebotomy/order-of-draw.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { ServiceError } from '../errors.js';
import { labTestCodeOf } from './test-codes.js';
import { LAB_ORDER_CATEGORIES } from './order-facts.js';
import { nonBloodSpecimen, type SpecimenKind } from './non-blood.js';

export interface TubePlanTube {
  container: string;
  display: string;
  capColor: string;
  additive: string;
  inversions: { min: number; max: number };
  /** volume to draw, mL: the tube's nominal draw, or for a child the tests' paediatric volumes */
  volumeMl: number;
  /** the tube's nominal draw, mL */
  tubeMl: number;
  handling: string;
  handlingNotes: string;
  tests: { code: string; display: string; orderId: string | null }[];
}

/** A urine, swab, sputum or stool specimen (DOMAIN.md A.9): one container per order, with its instructions. */
export interface PlannedSpecimen {
  container: string;
  kind: SpecimenKind;
  display: string;
  instructions: string;
  transport: string;
  handling: string;
  tests: { code: string; display: string; orderId: string }[];
}

export interface TubePlan {
  patientId: string;
  device: 'needle' | 'winged';
  tubes: TubePlanTube[];
  /** non-blood specimens, collected with the tubes */
  others: PlannedSpecimen[];
  discardTube: boolean;
  warnings: { code: string; message: string }[];
  orders: { id: string; display: string; priority: string; taskId: string | null; testCode: string | null }[];
}

// tasks still to collect: in-progress ones already have their labelled specimens
const OPEN = new Set(['requested', 'accepted', 'on-hold']);
const BODY_WEIGHT_LOINC = '29463-7';

/**
 * Allergies that change what the phlebotomist brings to the bed: latex (gloves, tourniquet, the
 * bandage) and chlorhexidine (the skin antiseptic). By SNOMED CT substance or allergy code, or by
 * the text when the allergy was recorded as text only.
 */
const BEDSIDE_ALLERGIES = [
  { code: 'latex-allergy', snomed: ['111088007', '1003755004', '300916003'], text: /latex/i, message: 'Latex allergy: latex-free gloves, tourniquet and bandage' },
  { code: 'chlorhexidine-allergy', snomed: ['373568007', '294578009'], text: /chlorhexidine/i, message: 'Chlorhexidine allergy: clean the skin with another antiseptic (e.g. povidone-iodine or 70 % alcohol, per policy)' },
] as const;

async function bedsideAllergyWarnings(ctx: RequestContext, repo: Repository, patientId: string): Promise<TubePlan['warnings']> {
  const r = await repo.search(ctx, 'AllergyIntolerance', new URLSearchParams({ patient: patientId, _count: '100' }), { audit: false });
  const active = (r.resources as AllergyIntolerance[]).filter((a) => !['inactive', 'resolved'].includes(a.clinicalStatus?.coding?.[0]?.code ?? '') && a.verificationStatus?.coding?.[0]?.code !== 'refuted' && a.verificationStatus?.coding?.[0]?.code !== 'entered-in-error');
  return BEDSIDE_ALLERGIES.filter((rule) => active.some((a) => a.code?.coding?.some((c) => c.code && (rule.snomed as readonly string[]).includes(c.code)) || rule.text.test([a.code?.text, ...(a.code?.coding ?? []).map((c) => c.display)].join(' ')))).map((rule) => ({ code: rule.code, message: rule.message }));
}

function ageInDays(birthDate: string | undefined, now: Date): number | undefined {
  if (!birthDate) return undefined;
  return Math.floor((now.getTime() - Date.parse(birthDate)) / 86_400_000);
}

/**
 * The tube plan for a patient's pending lab orders: the fewest tubes in order of draw (DOMAIN.md A.4),
 * with inversions, volumes and handling, and warnings the phlebotomist must see before the draw.
 */
export async function tubePlanFor(ctx: RequestContext, repo: Repository, config: DomainConfig, patientId: string, opts: { device?: 'needle' | 'winged'; now?: Date; only?: ReadonlySet<string> } = {}): Promise<TubePlan> {
  const device = opts.device ?? 'needle';
  if (device !== 'needle' && device !== 'winged') throw new ServiceError('invalid', 'device must be "needle" or "winged"', 'device');
  const now = opts.now ?? new Date();
  const patient = await repo.read<Patient>(ctx, 'Patient', patientId);
  const found = await repo.search(ctx, 'ServiceRequest', new URLSearchParams({ patient: patientId, status: 'active', category: LAB_ORDER_CATEGORIES, _count: '200', _sort: 'authored', _revinclude: 'Task:based-on' }));
  const tasks = found.included.filter((r): r is Task => r.resourceType === 'Task' && OPEN.has((r as Task).status));
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const warnings: TubePlan['warnings'] = [];
  const orders: TubePlan['orders'] = [];
  const testCodes: string[] = [];
  const orderOfTest = new Map<string, string>();
  const extra: { container: string; test: string; display: string; orderId: string; handling: string }[] = [];
  const others: PlannedSpecimen[] = [];
  for (const sr of found.resources as ServiceRequest[]) {
    const task = tasks.find((t) => t.basedOn?.some((b) => b.reference === `ServiceRequest/${sr.id}`));
    if (!task) continue; // already collected or cancelled
    if (opts.only && !opts.only.has(sr.id!)) continue; // not in this draw: the tubes are planned for the rest
    const code = labTestCodeOf(sr, config, catalogue);
    orders.push({ id: sr.id!, display: sr.code?.text ?? code ?? 'Lab test', priority: sr.priority ?? 'routine', taskId: task.id ?? null, testCode: code ?? null });
    if (!code) {
      // not in the lab's catalogue (e.g. a send-out test): its own container from the orderable catalogue
      const orderable = catalogue.find(sr.code?.coding?.find((c) => c.system === systems.orderable)?.code ?? '');
      const container = orderable?.specimen?.container;
      if (container && container in config.phlebotomy.containers) extra.push({ container, test: orderable!.code.replace(/^LAB-/, ''), display: orderable!.display, orderId: sr.id!, handling: orderable!.specimen!.handling ?? 'ambient' });
      else if (nonBloodSpecimen(container)) {
        const nb = nonBloodSpecimen(container)!;
        others.push({ container: nb.container, kind: nb.kind, display: nb.display, instructions: nb.instructions, transport: nb.transport, handling: orderable!.specimen!.handling ?? 'ambient', tests: [{ code: orderable!.code.replace(/^LAB-/, ''), display: orderable!.display, orderId: sr.id! }] });
      } else warnings.push({ code: 'not-in-catalogue', message: `${sr.code?.text ?? 'An order'} is not in the lab's test catalogue: collect as the performing lab instructs` });
      continue;
    }
    testCodes.push(code);
    if (!orderOfTest.has(code)) orderOfTest.set(code, sr.id!);
  }
  const containers = config.phlebotomy.containers;
  const planned = testCodes.length ? consolidateTubes({ tests: testCodes, device, config }) : [];
  const unsorted: TubePlanTube[] = planned.map((t) => {
    const spec = containers[t.container];
    return {
      container: t.container,
      display: spec.display,
      capColor: spec.capColorBD,
      additive: spec.additive,
      inversions: inversionsFor({ container: t.container, config }),
      volumeMl: spec.nominalDrawMl,
      tubeMl: spec.nominalDrawMl,
      handling: t.handling,
      handlingNotes: spec.handlingNotes,
      tests: t.tests.map((code) => ({ code, display: config.phlebotomy.tests[code]?.display ?? code.replace(/_/g, ' '), orderId: orderOfTest.get(code) ?? orderOfTest.get('BLOOD_CULTURE') ?? null })),
    };
  });
  for (const x of extra) {
    const spec = containers[x.container];
    unsorted.push({ container: x.container, display: spec.display, capColor: spec.capColorBD, additive: spec.additive, inversions: inversionsFor({ container: x.container, config }), volumeMl: spec.nominalDrawMl, tubeMl: spec.nominalDrawMl, handling: x.handling, handlingNotes: spec.handlingNotes, tests: [{ code: x.test, display: x.display, orderId: x.orderId }] });
  }
  // every tube, catalogue or not, in the order of draw
  const order = sortOrderOfDraw({ containers: unsorted.map((t) => t.container), config });
  const tubes: TubePlanTube[] = [];
  const left = [...unsorted];
  for (const c of order) tubes.push(left.splice(left.findIndex((t) => t.container === c), 1)[0]);
  const firstClass = tubes.length ? drawClassOf(containers[tubes[0].container]) : null;
  const discardTube = firstClass !== null && discardTubeRequired({ device, firstContainerClass: firstClass });
  if (discardTube) warnings.push({ code: 'discard-tube', message: 'Winged set with a citrate tube first: draw a discard tube to prime the tubing (DOMAIN.md A.1)' });
  for (const t of tubes) {
    // which culture bottle first is the device's question (DOMAIN.md A.1 rule 2): say it in the phlebotomist's words
    if (t.container === 'BC_AEROBIC' || t.container === 'BC_ANAEROBIC') t.handlingNotes = `${device === 'winged' ? 'Winged set: aerobic bottle first (the air in the tubing goes into it)' : 'Needle or syringe: anaerobic bottle first'}; do not refrigerate, deliver within 2 h`;
    if (t.additive === 'sodium_citrate') warnings.push({ code: 'citrate-fill', message: `${t.display}: fill to at least ${config.phlebotomy.citrateMinFillPct}% (the lab rejects under-filled citrate tubes)` });
    if (t.handling === 'on_ice') warnings.push({ code: 'on-ice', message: `${t.display}: place on ice and deliver promptly` });
  }
  if (tubes.length || others.length) warnings.unshift(...(await bedsideAllergyWarnings(ctx, repo, patientId)));
  const days = ageInDays(patient.birthDate, now);
  if (days !== undefined && days < 18 * 365.25 && tubes.length) {
    const weight = await repo.search(ctx, 'Observation', new URLSearchParams({ patient: patientId, code: `http://loinc.org|${BODY_WEIGHT_LOINC}`, _sort: '-date', _count: '1' }), { audit: false });
    const kg = (weight.resources[0] as Observation | undefined)?.valueQuantity;
    const weightKg = kg?.value !== undefined ? (kg.unit === 'g' ? kg.value / 1000 : kg.value) : undefined;
    // a child gives only what the tests need: each tube's tests' paediatric (or minimum) volumes, at most the tube
    const orderById = new Map((found.resources as ServiceRequest[]).map((sr) => [sr.id!, sr]));
    for (const t of tubes) {
      let ml = 0;
      for (const test of t.tests) {
        const sr = test.orderId ? orderById.get(test.orderId) : undefined;
        const spec = catalogue.find(sr?.code?.coding?.find((c) => c.system === systems.orderable)?.code ?? '')?.specimen;
        const need = spec?.pediatricVolumeMl ?? spec?.minVolumeMl ?? config.phlebotomy.tests[test.code]?.minWholeBloodMl ?? undefined;
        if (need === undefined) {
          ml = t.tubeMl; // a full tube (coagulation fill rule) or a volume nobody recorded
          break;
        }
        ml += need;
      }
      t.volumeMl = Math.round(Math.min(t.tubeMl, ml) * 10) / 10;
    }
    const requestedMl = tubes.reduce((sum, t) => sum + t.volumeMl, 0);
    // blood already drawn in the last 24 h counts against the same limit (DOMAIN.md A.5)
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const drawn = await repo.search(ctx, 'Specimen', new URLSearchParams({ patient: patientId, collected: `ge${since}`, _count: '200' }), { audit: false });
    const drawnMl = Math.round((drawn.resources as Specimen[]).filter((sp) => sp.collection?.quantity?.unit === 'mL' && sp.status !== 'entered-in-error').reduce((sum, sp) => sum + (sp.collection!.quantity!.value ?? 0), 0) * 10) / 10;
    const already = drawnMl ? ` (${drawnMl.toFixed(1)} mL already drawn in the last 24 h)` : '';
    if (weightKg === undefined) {
      warnings.push({ code: 'pediatric-weight-unknown', message: `Paediatric patient without a recorded weight: the blood-volume limit (${requestedMl.toFixed(1)} mL requested${already}) cannot be checked` });
    } else {
      const decision = pediatricDrawAllowed({ weightKg, ageDays: days, preterm: false, alreadyDrawnLast24hMl: drawnMl, requestedMl, config });
      if (!decision.allowed) warnings.push({ code: 'pediatric-limit', message: `Paediatric limit reached: ${requestedMl.toFixed(1)} mL requested${already}, ${decision.remaining24hMl} mL left of what may be drawn in 24 h for ${weightKg} kg` });
    }
  }
  return { patientId, device, tubes, others, discardTube, warnings, orders };
}
