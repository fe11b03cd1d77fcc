import { DEFAULT_ORM_PROFILE, type LabProfile } from '../../interop/hl7v2/index.js';
import type { Db } from '../../store/db.js';
import { getSetting, putSetting, withSettingLocked } from '../../store/settings.js';
import { assignPerformingLab, forgetCachedCatalogue, loadCatalogue, movePerformingLabsInHouse } from '../catalogue/store.js';
import { ServiceError } from '../errors.js';
import { checkReferenceLab } from './lab-profile-check.js';
import { orderCodeOf } from '../catalogue/lab.js';

/**
 * An independent reference lab Allied exchanges orders and results with (per-organisation setting).
 * Which tests go to it is the catalogue's business (each entry's performing lab); how it codes
 * them is its profile's (`profile.testCodes`).
 */
export interface ReferenceLab {
  id: string;
  name: string;
  /** where its MLLP listener is */
  host: string;
  port: number;
  /** the Organization resource of the lab, as performer of its results */
  organizationId?: string;
  profile: LabProfile;
  ackTimeoutMs?: number;
  /** automatic tries for timeouts and refused connections before a person must resend (default 5) */
  maxAttempts?: number;
}

/** What older configurations stored: the lab's own list of our orderable codes. */
type StoredLab = ReferenceLab & { orderables?: unknown };

const KEY = 'reference-labs';

const withProfile = (l: ReferenceLab): ReferenceLab => ({ ...l, profile: { ...DEFAULT_ORM_PROFILE, ...(l.profile ?? {}), id: l.profile?.id ?? l.id } });

/**
 * A lab list from before the catalogue decided where a test goes: its `orderables` become the
 * performing lab of those catalogue entries, and the list is dropped (one source of truth).
 */
async function moveOrderablesToCatalogue(db: Db, tenant: string, labs: StoredLab[]): Promise<ReferenceLab[]> {
  for (const [i, l] of labs.entries()) {
    if (l.orderables === undefined || l.orderables === null) continue;
    if (!Array.isArray(l.orderables) || l.orderables.some((c) => typeof c !== 'string')) throw new ServiceError('invalid', 'orderables, if given, lists orderable codes (it sets their performing lab in the catalogue)', `[${i}].orderables`);
    await assignPerformingLab(db, tenant, l.id, l.orderables as string[], `[${i}].orderables`);
  }
  return labs.map(({ orderables: _legacy, ...lab }) => withProfile(lab));
}

export { orderCodeOf };

export async function referenceLabsOf(db: Db, tenant: string): Promise<ReferenceLab[]> {
  const stored = (await getSetting<StoredLab[]>(db, tenant, KEY)) ?? [];
  if (!stored.some((l) => l.orderables !== undefined)) return stored;
  const labs = await moveOrderablesToCatalogue(db, tenant, stored);
  await putSetting(db, tenant, KEY, labs);
  return labs;
}

/**
 * Replaces the organisation's reference labs. An `orderables` list (older clients) is applied to
 * the catalogue as those tests' performing lab, after the labs are stored.
 */
export async function setReferenceLabs(db: Db, tenant: string, labs: unknown, opts: { moveInHouse?: boolean } = {}): Promise<ReferenceLab[]> {
  if (!Array.isArray(labs)) throw new ServiceError('invalid', 'Send a list of reference labs');
  return withLabsLocked(db, tenant, (tx) => storeReferenceLabs(tx, tenant, labs, opts));
}

/** One change of the lab list at a time (its row locked), each checked against the list and catalogue as they are then. */
async function withLabsLocked<T>(db: Db, tenant: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await withSettingLocked(db, tenant, KEY, [], fn);
  } finally {
    // tests it moved in-house or to a lab were written in the transaction, past this process's cache
    forgetCachedCatalogue(db, tenant);
  }
}

async function storeReferenceLabs(db: Db, tenant: string, labs: unknown[], opts: { moveInHouse?: boolean }): Promise<ReferenceLab[]> {
  const out: StoredLab[] = labs.map((raw, i) => checkReferenceLab(raw, `[${i}].`));
  const ids = out.map((l) => l.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new ServiceError('invalid', `Two labs have the id "${twice}": ids must be unique`, `[${ids.lastIndexOf(twice)}].id`);
  // every listed code must be in the catalogue before anything is stored
  const catalogue = await loadCatalogue(db, tenant);
  out.forEach((l, i) => (Array.isArray(l.orderables) ? l.orderables : []).forEach((code, j) => {
    if (typeof code !== 'string' || !catalogue.find(code)) throw new ServiceError('invalid', `"${String(code)}" is not in the catalogue: add it there first, or remove it from the list`, `[${i}].orderables[${j}]`);
  }));
  // a lab that wants its own codes in OBR-4 must have one for every test the catalogue sends it,
  // or collecting such a test could not queue its order
  out.forEach((l, i) => {
    if (l.profile.obr4 === 'loinc') return;
    const listed = new Set(Array.isArray(l.orderables) ? (l.orderables as string[]) : []);
    const unmapped = catalogue.items.filter((o) => o.status !== 'retired' && (o.performingLab === l.id || listed.has(o.code)) && !l.profile.testCodes?.[orderCodeOf(o).code]);
    if (unmapped.length) {
      const names = unmapped.map((o) => `${o.display} (${o.code}, sent as ${orderCodeOf(o).code})`).join(', ');
      throw new ServiceError('invalid', `${l.name} takes its own test codes in OBR-4, but has none for ${names}: add ${unmapped.length === 1 ? 'it' : 'them'} to the test code table, or send LOINC`, `[${i}].profile.testCodes`);
    }
  });
  // a lab the catalogue still sends tests to is not removed behind the admin's back
  const before = ((await getSetting<StoredLab[]>(db, tenant, KEY)) ?? []).map((l) => l.id);
  const removed = before.filter((id) => !ids.includes(id));
  const reassigned = new Set(out.flatMap((l) => (Array.isArray(l.orderables) ? (l.orderables as string[]) : [])));
  const stranded = catalogue.items.filter((o) => o.performingLab && removed.includes(o.performingLab) && !reassigned.has(o.code));
  if (stranded.length && !opts.moveInHouse) {
    const names = stranded.map((o) => `${o.code} (${o.display}${o.status === 'retired' ? ', retired' : ''}) -> ${o.performingLab}`).join(', ');
    throw new ServiceError('invalid', `Cannot remove ${removed.filter((id) => stranded.some((o) => o.performingLab === id)).join(', ')}: the catalogue still sends ${stranded.length} test${stranded.length === 1 ? '' : 's'} there: ${names}. Give them another performing lab in the catalogue first, or remove the lab with moveInHouse=true to have the in-house lab perform them.`, 'performingLab');
  }
  if (stranded.length) await movePerformingLabsInHouse(db, tenant, [...new Set(stranded.map((o) => o.performingLab!))]);
  // the labs first: the catalogue accepts only performing labs that exist
  await putSetting(db, tenant, KEY, out.map(({ orderables: _legacy, ...lab }) => lab));
  return moveOrderablesToCatalogue(db, tenant, out);
}

/** A refusal about the lab at `index` of the whole list, with its path made the lab's own (`[2].profile.obr4` -> `profile.obr4`). */
function asOwnPath(error: unknown, index: number): unknown {
  const prefix = `[${index}]`;
  if (!(error instanceof ServiceError) || !error.field?.startsWith(prefix)) return error;
  return new ServiceError(error.code, error.message, error.field.slice(prefix.length).replace(/^\./, '') || '$', error.status);
}

/**
 * Adds one lab (409 when its id is taken), or replaces the lab `id` (404 when there is none), keeping
 * the other labs as stored now: two admins editing different labs do not undo each other's work.
 */
export async function saveReferenceLab(db: Db, tenant: string, raw: unknown, id?: string): Promise<{ lab: ReferenceLab; labs: ReferenceLab[] }> {
  return withLabsLocked(db, tenant, async (tx) => {
    const current = await referenceLabsOf(tx, tenant);
    const given = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
    let list: unknown[];
    let index: number;
    if (id !== undefined) {
      index = current.findIndex((l) => l.id === id);
      if (index < 0) throw new ServiceError('not-found', `There is no reference lab "${id}" (have: ${current.map((l) => l.id).join(', ') || 'none'})`);
      if (given !== undefined && given !== id) throw new ServiceError('invalid', `The id of a lab cannot change (the catalogue and the outbox use it): add "${String(given)}" as a new lab instead`, 'id');
      list = current.map((l, i) => (i === index ? { ...(raw as object), id } : l));
    } else {
      if (typeof given === 'string' && current.some((l) => l.id === given)) throw new ServiceError('conflict', `There is already a lab with the id "${given}": choose another id, or edit that lab`, 'id');
      index = current.length;
      list = [...current, raw];
    }
    try {
      const labs = await storeReferenceLabs(tx, tenant, list, {});
      return { lab: labs[index], labs };
    } catch (error) {
      throw asOwnPath(error, index);
    }
  });
}

/** Removes one lab; `moveInHouse` lets the catalogue tests it performs go to the in-house lab (else 422 naming them). */
export async function removeReferenceLab(db: Db, tenant: string, id: string, opts: { moveInHouse?: boolean } = {}): Promise<ReferenceLab[]> {
  return withLabsLocked(db, tenant, async (tx) => {
    const current = await referenceLabsOf(tx, tenant);
    if (!current.some((l) => l.id === id)) throw new ServiceError('not-found', `There is no reference lab "${id}"`);
    return storeReferenceLabs(tx, tenant, current.filter((l) => l.id !== id), opts);
  });
}
