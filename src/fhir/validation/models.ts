/** What the validator reports and the compiled per-type schema it walks. */

export type ValidationSeverity = 'error' | 'warning';

/** OperationOutcome issue-type codes the validator uses (a subset of R4 IssueType). */
export type ValidationCode = 'structure' | 'required' | 'value' | 'code-invalid' | 'invariant' | 'invalid';

export interface ValidationIssue {
  severity: ValidationSeverity;
  code: ValidationCode;
  message: string;
  /** FHIRPath of the element at fault, e.g. `Patient.name[0].given[1]` */
  expression: string;
}

export interface ValidateOptions {
  /** The type the caller expects (e.g. from the URL `/Patient/123`); a different `resourceType` is an error. */
  resourceType?: string;
}

/** The codes a required binding allows: per code system, and all of them together (for `code` elements). */
export interface CodeSet {
  bySystem: Map<string, Set<string>>;
  all: Set<string>;
}

/** One element of a type (e.g. `Observation.value[x]`) as the validator needs it. */
export interface ElementRule {
  /** definition path, used in messages: `Observation.value[x]` */
  path: string;
  /** JSON name for plain elements, the stem for choices (`value`) */
  name: string;
  min: number;
  /** Infinity for `*` */
  max: number;
  isArray: boolean;
  isChoice: boolean;
  /** JSON property names that carry this element (one, or one per type for choices) */
  propertyNames: string[];
  /** required binding: the value set canonical (no version) */
  valueSet?: string;
  /** expansion of `valueSet`; undefined when it cannot be expanded from the definitions (then not checked) */
  codes?: CodeSet;
}

/** One JSON property name a type accepts, resolved to its element and concrete type. */
export interface PropertyRule {
  element: ElementRule;
  /** a primitive type code (`dateTime`), a complex type (`HumanName`), a backbone path, or `Resource` */
  type: string;
  primitive: boolean;
  /** Reference targets (resource type names); undefined means any resource */
  targets?: Set<string>;
}

export type SchemaKind = 'resource' | 'complex' | 'backbone';

export interface TypeSchema {
  /** `Patient`, `HumanName`, or a backbone path such as `Patient.contact` */
  name: string;
  kind: SchemaKind;
  /** keyed by JSON property name; null prototype so `__proto__` and friends are simply unknown */
  properties: Record<string, PropertyRule | undefined>;
  /** elements with min > 0 */
  required: ElementRule[];
  /** elements whose max is a number greater than 1 (checked on array length) */
  bounded: ElementRule[];
  /** choice elements (at most one of their property names may appear) */
  choices: ElementRule[];
}

export interface Schemas {
  types: Map<string, TypeSchema>;
  resourceTypes: string[];
  resourceTypeSet: Set<string>;
}
