/** The admin's test catalogue editor. */
export { CataloguePage } from './CataloguePage.js';
export { specimenSummary } from './format.js';
