/**
 * Validates a resource by walking its JSON against the compiled schemas.
 * Never throws on bad input: every problem becomes a ValidationIssue naming its FHIRPath.
 */
import type { ElementRule, PropertyRule, TypeSchema, ValidateOptions, ValidationCode, ValidationIssue } from './models.js';
import { referenceProblem } from './reference.js';
import { compiledDefinitions, type Compiled } from './schemas.js';

const MAX_ISSUES = 100; // enough to fix a resource; bounds the OperationOutcome for garbage input
const MAX_DEPTH = 64; // JSON nesting; R4 resources stay far below this

interface Walk {
  defs: Compiled;
  issues: ValidationIssue[];
  depth: number;
  /** `#id` references seen in the current top-level resource (contained ones share their container's) */
  localRefs: { id: string; path: string }[] | undefined;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function report(w: Walk, code: ValidationCode, message: string, expression: string): void {
  const n = w.issues.length;
  if (n < MAX_ISSUES) w.issues.push({ severity: 'error', code, message, expression });
  else if (n === MAX_ISSUES) w.issues.push({ severity: 'warning', code: 'invalid', message: `more than ${MAX_ISSUES} issues; stopped reporting`, expression: expressionRoot(w) });
}

const expressionRoot = (w: Walk) => w.issues[0]?.expression.split(/[.[]/)[0] ?? 'Resource';

export function validateResource(resource: unknown, options: ValidateOptions = {}): ValidationIssue[] {
  const w: Walk = { defs: compiledDefinitions(), issues: [], depth: 0, localRefs: undefined };
  const expected = options.resourceType;
  if (expected !== undefined && !w.defs.resourceTypeSet.has(expected)) {
    report(w, 'invalid', `unknown resource type ${expected}`, expected);
    return w.issues;
  }
  if (expected !== undefined && isObject(resource) && typeof resource.resourceType === 'string' && resource.resourceType !== expected) {
    report(w, 'invalid', `expected a ${expected} resource, got resourceType "${resource.resourceType}"`, expected);
    return w.issues;
  }
  checkResource(w, resource, '', expected);
  return w.issues;
}

function checkResource(w: Walk, value: unknown, path: string, expected?: string, contained = false): void {
  const at = path || expected || 'Resource';
  if (!isObject(value)) {
    report(w, 'structure', `a resource must be a JSON object, not ${describe(value)}`, at);
    return;
  }
  const type = value.resourceType;
  if (type === undefined) {
    report(w, 'required', 'resourceType is missing', at);
    return;
  }
  if (typeof type !== 'string' || !w.defs.resourceTypeSet.has(type)) {
    report(w, 'invalid', `unknown resourceType ${typeof type === 'string' ? `"${type.slice(0, 64)}"` : describe(type)}`, at);
    return;
  }
  const schema = w.defs.types.get(type) as TypeSchema;
  if (contained) {
    checkObject(w, value, schema, path);
    return;
  }
  const outer = w.localRefs;
  w.localRefs = undefined; // allocated on the first `#id` reference
  checkObject(w, value, schema, path || type);
  checkLocalReferences(w, value);
  w.localRefs = outer;
}

/** A `#id` reference must name a resource in the container's `contained` (`#` alone is the container). */
function checkLocalReferences(w: Walk, resource: Json): void {
  if (!w.localRefs?.length) return;
  const ids = new Set<unknown>();
  if (Array.isArray(resource.contained)) for (const c of resource.contained) if (isObject(c)) ids.add(c.id);
  for (const ref of w.localRefs) {
    if (ref.id !== '' && !ids.has(ref.id)) report(w, 'value', `no contained resource has id "${ref.id}"`, ref.path);
  }
}

function checkObject(w: Walk, obj: Json, schema: TypeSchema, path: string): void {
  if (w.depth >= MAX_DEPTH) {
    report(w, 'structure', `nested more than ${MAX_DEPTH} levels deep`, path);
    return;
  }
  w.depth++;
  const keys = Object.keys(obj);
  if (schema.kind !== 'resource' && (keys.length === 0 || (keys.length === 1 && keys[0] === 'id'))) {
    report(w, 'invariant', 'must not be empty (ele-1: an element needs a value or children)', path);
  }
  let choicesSeen: ElementRule[] | undefined;
  for (const key of keys) {
    const prop = schema.properties[key];
    if (prop) {
      if (prop.element.isChoice) {
        choicesSeen ??= [];
        if (choicesSeen.includes(prop.element)) {
          report(w, 'structure', `only one of ${prop.element.path} may be present`, `${path}.${prop.element.name}`);
        }
        choicesSeen.push(prop.element);
      }
      if (prop.primitive) checkPrimitiveProperty(w, obj[key], obj['_' + key], prop, `${path}.${key}`);
      else checkComplexProperty(w, obj[key], prop, `${path}.${key}`);
      continue;
    }
    if (key === 'resourceType' && schema.kind === 'resource') continue;
    if (key.charCodeAt(0) === 95 /* _ */) {
      const base = schema.properties[key.slice(1)];
      if (base?.primitive) {
        if (!(key.slice(1) in obj)) checkPrimitiveProperty(w, undefined, obj[key], base, `${path}.${key.slice(1)}`);
        continue;
      }
    }
    report(w, 'structure', `unknown property "${key}"`, `${path}.${key}`);
  }
  for (const rule of schema.required) {
    if (!present(obj, rule)) {
      report(w, 'required', `${rule.path} is required (min ${rule.min})`, `${path}.${rule.name}`);
    } else if (rule.min > 1 && arrayLength(obj, rule) < rule.min) {
      report(w, 'required', `${rule.path} needs at least ${rule.min} items`, `${path}.${rule.name}`);
    }
  }
  for (const rule of schema.bounded) {
    if (arrayLength(obj, rule) > rule.max) report(w, 'structure', `${rule.path} allows at most ${rule.max} items`, `${path}.${rule.name}`);
  }
  if (schema.name === 'Extension') checkExtensionShape(w, obj, keys, path);
  w.depth--;
}

function present(obj: Json, rule: ElementRule): boolean {
  for (const name of rule.propertyNames) if (obj[name] !== undefined || obj['_' + name] !== undefined) return true;
  return false;
}

function arrayLength(obj: Json, rule: ElementRule): number {
  const v = obj[rule.name] ?? obj['_' + rule.name];
  return Array.isArray(v) ? v.length : 0;
}

/** ext-1: an extension has either nested extensions or a value, not both and not neither. */
function checkExtensionShape(w: Walk, obj: Json, keys: string[], path: string): void {
  const hasValue = keys.some((k) => k.startsWith('value') || k.startsWith('_value'));
  if (hasValue === (obj.extension !== undefined)) {
    report(w, 'invariant', 'ext-1: an extension must have either extensions or a value[x], not both', path);
  }
}

function checkPrimitiveProperty(w: Walk, value: unknown, ext: unknown, prop: PropertyRule, path: string): void {
  if (!prop.element.isArray) {
    if (Array.isArray(value) || Array.isArray(ext)) {
      report(w, 'structure', `${prop.element.path} is a single value, not an array`, path);
      return;
    }
    if (value !== undefined) checkPrimitive(w, value, prop, path);
    if (ext !== undefined) checkPrimitiveElement(w, ext, path);
    return;
  }
  if ((value !== undefined && !Array.isArray(value)) || (ext !== undefined && !Array.isArray(ext))) {
    report(w, 'structure', `${prop.element.path} must be an array`, path);
    return;
  }
  const values = value as unknown[] | undefined;
  const exts = ext as unknown[] | undefined;
  if (values && exts && values.length !== exts.length) {
    report(w, 'structure', `${prop.element.name} and _${prop.element.name} must have the same length`, path);
    return;
  }
  const n = (values ?? exts ?? []).length;
  if (n === 0) report(w, 'structure', `${prop.element.path} must not be an empty array`, path);
  for (let i = 0; i < n; i++) {
    const v = values?.[i];
    const e = exts?.[i];
    const at = `${path}[${i}]`;
    if (v === null || v === undefined) {
      if (e === null || e === undefined) report(w, 'structure', 'null needs an extension in the matching _ array', at);
    } else {
      checkPrimitive(w, v, prop, at);
    }
    if (e !== null && e !== undefined) checkPrimitiveElement(w, e, at);
  }
}

function checkPrimitive(w: Walk, value: unknown, prop: PropertyRule, path: string): void {
  const problem = w.defs.primitives.get(prop.type)?.(value);
  if (problem) {
    report(w, problem.code, problem.message, path);
    return;
  }
  const codes = prop.element.codes;
  if (codes && typeof value === 'string' && !codes.all.has(value)) {
    report(w, 'code-invalid', `"${value}" is not in the required value set ${prop.element.valueSet}`, path);
  }
}

/** `_birthDate`: the id and extensions of a primitive */
function checkPrimitiveElement(w: Walk, ext: unknown, path: string): void {
  if (!isObject(ext)) {
    report(w, 'structure', `the _ companion of a primitive must be a JSON object, not ${describe(ext)}`, path);
    return;
  }
  checkObject(w, ext, w.defs.types.get('Element') as TypeSchema, path);
}

function checkComplexProperty(w: Walk, value: unknown, prop: PropertyRule, path: string): void {
  if (!prop.element.isArray) {
    if (Array.isArray(value)) report(w, 'structure', `${prop.element.path} is a single value, not an array`, path);
    else checkComplex(w, value, prop, path);
    return;
  }
  if (!Array.isArray(value)) {
    report(w, 'structure', `${prop.element.path} must be an array`, path);
    return;
  }
  if (value.length === 0) report(w, 'structure', `${prop.element.path} must not be an empty array`, path);
  for (let i = 0; i < value.length; i++) checkComplex(w, value[i], prop, `${path}[${i}]`);
}

function checkComplex(w: Walk, value: unknown, prop: PropertyRule, path: string): void {
  if (prop.type === 'Resource') {
    checkResource(w, value, path, undefined, prop.element.name === 'contained');
    return;
  }
  const schema = w.defs.types.get(prop.type);
  if (!schema) return; // every type in R4 base definitions compiles; nothing to check against otherwise
  if (!isObject(value)) {
    report(w, 'structure', `${prop.element.path} must be a JSON object (${schema.kind === 'backbone' ? 'BackboneElement' : schema.name}), not ${describe(value)}`, path);
    return;
  }
  checkObject(w, value, schema, path);
  if (prop.type === 'Reference') checkReference(w, value, prop, path);
  else if (prop.element.codes && prop.type === 'Coding') checkCoding(w, value, prop, path);
  else if (prop.element.codes && prop.type === 'CodeableConcept' && Array.isArray(value.coding)) {
    for (let i = 0; i < value.coding.length; i++) {
      const coding: unknown = value.coding[i];
      if (isObject(coding)) checkCoding(w, coding, prop, `${path}.coding[${i}]`);
    }
  }
}

function checkReference(w: Walk, ref: Json, prop: PropertyRule, path: string): void {
  if (typeof ref.reference !== 'string' || ref.reference === '') return; // type errors already reported
  const problem = referenceProblem(ref.reference, ref.type, prop.targets, (t) => w.defs.resourceTypeSet.has(t));
  if (problem) report(w, problem.code, problem.message, `${path}.reference`);
  else if (ref.reference.startsWith('#')) (w.localRefs ??= []).push({ id: ref.reference.slice(1), path: `${path}.reference` });
}

/** Required binding on a Coding: checked when its system is one the value set draws from. */
function checkCoding(w: Walk, coding: Json, prop: PropertyRule, path: string): void {
  const { system, code } = coding;
  if (typeof system !== 'string' || typeof code !== 'string') return;
  const allowed = prop.element.codes?.bySystem.get(system);
  if (allowed && !allowed.has(code)) {
    report(w, 'code-invalid', `"${code}" is not a ${system} code allowed by the required value set ${prop.element.valueSet}`, `${path}.code`);
  }
}

export function isResourceType(name: string): boolean {
  return compiledDefinitions().resourceTypeSet.has(name);
}

export function resourceTypes(): string[] {
  return [...compiledDefinitions().resourceTypes];
}
