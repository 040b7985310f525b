/**
 * `@kilde/api/widget-ui`: the HTML escaping and the phrases the browser widget shares with the
 * server-rendered search pages. The widget's bundler reads this source (export condition
 * `kilde-source`), the API its compiled form.
 */
export { escapeHtml, markedHtml } from './html';
export { sharedUiStrings, type SharedUiStrings } from './strings';
