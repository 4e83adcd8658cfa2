// Bundles the site server (server/main.ts, with the CMS's contract and its few packages) into one
// file, dist-server/server.mjs, so that it runs on plain Node where it is deployed. Astro's own
// handler is not in it: the server loads each build's from that build's folder.
import { build } from 'esbuild'

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist-server/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  // Some bundled packages are CommonJS and `require` Node's built-ins.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
})
