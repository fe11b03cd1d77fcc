/** The lab interface desk: orders out, results in and the error queue. */
export { InterfacesPage } from './InterfacesPage.js';
export { interfacesApi } from './api.js';
export { LabsPage } from './LabsPage.js';
