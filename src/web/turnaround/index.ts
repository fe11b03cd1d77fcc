/** Turnaround: how long lab orders take from order to collection, receipt and result. */
export { TurnaroundPage } from './TurnaroundPage.js';
