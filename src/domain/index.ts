/**
 * Allied domain library: the clinical and billing rules of ../shared/DOMAIN.md as pure functions over
 * typed tables. Every function takes one plain object and returns plain (JSON-serialisable) data;
 * bad input throws DomainInputError naming the field. Functions that depend on DEFAULT values accept
 * an optional `config` (a partial DomainConfig merged over defaultDomainConfig).
 * Published as `allied/domain`.
 */
export { DomainInputError } from './errors.js';
export type { Reason, Explained } from './reasons.js';
export { defaultDomainConfig, resolveDomainConfig, ageBands, labelElements } from './config.js';
export type { DomainConfig, DomainConfigOverride, DeepPartial, AgeBand, LabelElement, BloodCultureVolumeRow, TriageLevel } from './config.js';
export { ruleSources } from './sources.js';
export type { RuleSource } from './sources.js';
export * from './phlebotomy/index.js';
export * from './imaging/index.js';
export * from './respiratory/index.js';
export * from './coding/index.js';
export * from './billing/index.js';
