/** Organisation settings an administrator changes in the app. */
export { RulesPage } from './RulesPage.js';
