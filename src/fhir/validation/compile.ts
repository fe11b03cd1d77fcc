/**
 * Compiles StructureDefinition snapshots into one compact TypeSchema per type and per backbone element,
 * so validation is a walk over the JSON with map lookups.
 */
import type { ElementDefinition, ElementDefinitionType, StructureDefinition } from '@medplum/fhirtypes';
import type { ElementRule, PropertyRule, SchemaKind, Schemas, TypeSchema } from './models.js';
import type { Terminology } from './terminology.js';

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const SYSTEM_PREFIX = 'http://hl7.org/fhirpath/System.';
/** element types that stand for "any resource" */
const ANY_RESOURCE = new Set(['Resource', 'DomainResource']);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lastSegment = (url: string) => url.slice(url.lastIndexOf('/') + 1);

function emptySchema(name: string, kind: SchemaKind): TypeSchema {
  return { name, kind, properties: Object.create(null) as TypeSchema['properties'], required: [], bounded: [], choices: [] };
}

/** The FHIR type code of one element type (`System.String` types name theirs in an extension). */
function typeCode(t: ElementDefinitionType): string {
  if (!t.code.startsWith(SYSTEM_PREFIX)) return ANY_RESOURCE.has(t.code) ? 'Resource' : t.code;
  return t.extension?.find((x) => x.url === FHIR_TYPE_EXT)?.valueUrl ?? 'string';
}

function referenceTargets(t: ElementDefinitionType): Set<string> | undefined {
  if (t.code !== 'Reference' || !t.targetProfile?.length) return undefined;
  const names = t.targetProfile.map(lastSegment);
  return names.some((n) => ANY_RESOURCE.has(n)) ? undefined : new Set(names);
}

interface CompileContext {
  primitives: Set<string>;
  terminology: Terminology;
  out: Map<string, TypeSchema>;
}

function compileStructure(sd: StructureDefinition, kind: SchemaKind, ctx: CompileContext): void {
  const elements = (sd.snapshot?.element ?? []).filter((e) => !e.sliceName && !e.id?.includes(':'));
  const root = elements[0]?.path;
  if (!root) return;
  const parents = new Set<string>();
  for (const el of elements) parents.add(el.path.slice(0, el.path.lastIndexOf('.')));

  const schemas = new Map<string, TypeSchema>([[root, emptySchema(root, kind)]]);
  for (const el of elements.slice(1)) {
    const parentPath = el.path.slice(0, el.path.lastIndexOf('.'));
    const parent = schemas.get(parentPath);
    if (!parent) continue; // child of a choice or sliced element: not in R4 base snapshots
    const isBackbone = parents.has(el.path);
    if (isBackbone) schemas.set(el.path, emptySchema(el.path, 'backbone'));
    addElement(parent, el, isBackbone, kind === 'resource' && parentPath === root, ctx);
  }
  for (const [path, schema] of schemas) ctx.out.set(path, schema);
}

function addElement(parent: TypeSchema, el: ElementDefinition, isBackbone: boolean, atResourceRoot: boolean, ctx: CompileContext): void {
  const segment = el.path.slice(el.path.lastIndexOf('.') + 1);
  const isChoice = segment.endsWith('[x]');
  const name = isChoice ? segment.slice(0, -3) : segment;
  const max = el.max === '*' ? Infinity : Number(el.max ?? '1');
  if (max === 0) return; // prohibited: leave it unknown
  const rule: ElementRule = {
    path: el.path,
    name,
    min: el.min ?? 0,
    max,
    isArray: el.max !== '1',
    isChoice,
    propertyNames: [],
  };
  if (el.binding?.strength === 'required' && el.binding.valueSet) {
    rule.valueSet = el.binding.valueSet.split('|')[0];
    rule.codes = ctx.terminology.expand(rule.valueSet);
  }

  const add = (prop: string, type: string, targets?: Set<string>) => {
    rule.propertyNames.push(prop);
    const p: PropertyRule = { element: rule, type, primitive: ctx.primitives.has(type) };
    if (targets) p.targets = targets;
    parent.properties[prop] = p;
  };

  if (el.contentReference) {
    add(name, el.contentReference.slice(el.contentReference.indexOf('#') + 1));
  } else if (isBackbone) {
    add(name, el.path);
  } else if (atResourceRoot && name === 'id') {
    add(name, 'id'); // R4 says Resource.id is an id; the snapshot types it as System.String
  } else {
    for (const t of el.type ?? []) {
      const code = typeCode(t);
      add(isChoice ? name + capitalize(code) : name, code, referenceTargets(t));
    }
  }
  if (rule.propertyNames.length === 0) return;
  if (rule.min > 0) parent.required.push(rule);
  if (rule.isArray && Number.isFinite(max)) parent.bounded.push(rule);
  if (isChoice) parent.choices.push(rule);
}

export function compileSchemas(resources: StructureDefinition[], types: StructureDefinition[], terminology: Terminology): Schemas {
  const primitives = new Set(types.filter((t) => t.kind === 'primitive-type').map((t) => t.type as string));
  const ctx: CompileContext = { primitives, terminology, out: new Map() };
  for (const sd of types) if (sd.kind === 'complex-type') compileStructure(sd, 'complex', ctx);
  const resourceTypes: string[] = [];
  for (const sd of resources) {
    if (sd.abstract || !sd.type) continue;
    compileStructure(sd, 'resource', ctx);
    resourceTypes.push(sd.type);
  }
  resourceTypes.sort();
  return { types: ctx.out, resourceTypes, resourceTypeSet: new Set(resourceTypes) };
}
