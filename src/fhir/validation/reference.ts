/** Sanity checks of `Reference.reference`: the forms R4 allows, and the target types the element allows. */
import type { ValidationIssue } from './models.js';

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?\S+$/; // transaction bundles: `Patient?identifier=...`
const CONTAINED = /^#([A-Za-z0-9\-.]{1,64})?$/; // `#` alone points back to the container
const UUID = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const ABSOLUTE = /^(https?|ftp|file):\/\/[^\s/]+(\/\S*)?$/;

type Problem = Pick<ValidationIssue, 'code' | 'message'>;

/**
 * Returns what is wrong with `reference` (undefined if nothing).
 * `targets`: resource types the element may point to; undefined for any.
 */
export function referenceProblem(
  reference: string,
  declaredType: unknown,
  targets: Set<string> | undefined,
  isResourceType: (name: string) => boolean,
): Problem | undefined {
  if (reference.startsWith('#')) {
    return CONTAINED.test(reference) ? undefined : { code: 'value', message: `"${reference}" is not a valid reference to a contained resource` };
  }
  if (reference.startsWith('urn:')) {
    return UUID.test(reference) || OID.test(reference) ? undefined : { code: 'value', message: `"${reference}" is not a valid urn:uuid: or urn:oid: reference` };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) {
    return ABSOLUTE.test(reference) ? undefined : { code: 'value', message: `"${reference}" is not a valid absolute URL` };
  }
  const match = RELATIVE.exec(reference) ?? CONDITIONAL.exec(reference);
  if (!match) {
    return { code: 'value', message: `"${reference}" is not a valid reference: expected Type/id, urn:uuid:..., an absolute URL or #id` };
  }
  const type = match[1];
  if (!isResourceType(type)) return { code: 'value', message: `"${reference}" refers to unknown resource type ${type}` };
  if (targets && !targets.has(type)) {
    return { code: 'value', message: `a reference to ${type} is not allowed here (allowed: ${[...targets].join(', ')})` };
  }
  const declared = typeof declaredType === 'string' ? declaredType.slice(declaredType.lastIndexOf('/') + 1) : undefined;
  if (declared && declared !== type) {
    return { code: 'value', message: `reference "${reference}" does not match its type "${declaredType}"` };
  }
  return undefined;
}
