/** The phlebotomist's workspaces: the bedside collection view and dispatch. */
export { CollectionPage } from './CollectionPage.js';
export { DispatchPage } from './DispatchPage.js';
export { phlebotomyApi, labelsPdfUrl, labelsZplUrl } from './api.js';
export type { SpecimenSummary, TubePlan } from './models.js';
