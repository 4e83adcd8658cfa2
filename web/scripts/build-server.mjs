// Bundles the site server (server/main.ts, with the CMS's contract and its few packages) into
// dist-server/server.mjs, and its sign-up journal's thread (server/journalThread.ts) into
// dist-server/journalThread.mjs beside it, so that they run on plain Node where it is deployed.
// Astro's own handler is not in it: the server loads each build's from that build's folder.
// Another folder may be given (`node scripts/build-server.mjs <folder>`): the tests build their own.
import { build } from 'esbuild'

await build({
  entryPoints: { server: 'server/main.ts', journalThread: 'server/journalThread.ts' },
  outdir: process.argv[2] ?? 'dist-server',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  // Some bundled packages are CommonJS and `require` Node's built-ins.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
})
