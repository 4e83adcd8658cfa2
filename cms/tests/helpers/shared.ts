/**
 * The test helpers both packages use, in one place (web imports this file as `cms/testing`):
 * Debian's Chromium, free ports, a real SMTP server, waiting for a server to answer, and the
 * files tests upload and compare.
 */
export { freePort } from '../../src/db/freePort'
export { launchChromium } from './browser'
export { fileDigests, pdf, png } from './files'
export { mailCatcher, type Mail } from './mailCatcher'
export { waitUntilAnswering } from './waitUntilAnswering'
