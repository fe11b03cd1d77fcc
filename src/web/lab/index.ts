/** The laboratory's receiving desk. */
export { ReceivingPage } from './ReceivingPage.js';
export { labApi } from './api.js';
