/**
 * The orderable catalogue: what a clinician can order, how it is coded and collected, who performs
 * it. Each organisation has its own (`loadCatalogue`), seeded from the code tables (`seedCatalogue`)
 * and edited by its admins; it imports and exports as FHIR definitions.
 */
export type {
  Orderable,
  OrderableCoding,
  OrderableContainer,
  OrderableKind,
  OrderableModality,
  OrderablePerformerRole,
  OrderableSpecimen,
  OrderableStatus,
  SpecimenHandling,
  TimedDraw,
} from './models.js';
export { orderableKinds, orderableModalities, orderablePerformerRoles, specimenHandlings } from './models.js';
export { modalityDisplay } from './imaging.js';
export { nonBloodContainers } from './lab.js';
/** The code tables the seed is made from (demo data uses them directly). */
export { findOrderable, orderables, orderablesOfKind } from './static.js';
export { seedCatalogue } from './seed.js';
export { loadCatalogue, ensureCatalogue, createOrderable, updateOrderable, replaceCatalogue, type Catalogue } from './store.js';
export { validateOrderable, validateCatalogue, type CatalogueRules } from './validate.js';
export { catalogueToBundle, catalogueFromBundle, orderableToFhir, catalogueExtensions } from './fhir.js';
export { catalogueDefinitionTypes, catalogueDefinitions, catalogueSearchParams, isCatalogueDefinitionType, searchCatalogueDefinitions, type CatalogueDefinitionType } from './fhir-search.js';
export { withCatalogue } from './lab-tests.js';
export { catalogueRulesOf } from './context.js';
