/**
 * Benchmark: serving the built site, side by side in one run on this machine. Requests per
 * second (wrk, 2 threads, 50 connections, as a browser asks: brotli accepted) for `/` and `/faq`
 * through the production entry (nginx with the repo's configuration, web/nginx/), the Node site
 * server alone (`pnpm start` without Docker) and, for reference, a plain nginx serving the same
 * folder with nothing but `root`; the bytes each page costs on the wire (as it is, gzip, brotli);
 * and Lighthouse's scores (mobile, npm `lighthouse` driving Debian's Chromium) for `/`, `/faq`,
 * `/values` and the latest report. Writes bench/results/static-serving.md.
 *
 *   pnpm bench    (needs wrk, nginx with libnginx-mod-http-brotli-static, and chromium, from Debian)
 */
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { inject, it } from 'vitest'

import { freePort, waitUntilAnswering } from 'cms/testing'

import { webDir } from '../tests/setup/builtSite'
import { startNginx } from '../tests/site/nginx'
import { serveBuild } from '../tests/site/serveBuild'

const run = promisify(execFile)
const resultsDir = path.join(webDir, 'bench', 'results')
const PAGES = ['/', '/faq', '/values', '/annual-reports/5784']

/** Bytes of a response's body as sent, for an Accept-Encoding. */
function bytesOnTheWire(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': encoding }, agent: false }, (response) => {
      let size = 0
      response.on('data', (chunk: Buffer) => (size += chunk.length))
      response.on('end', () => resolve(size))
    })
      .on('error', reject)
      .end()
  })
}

/** wrk's requests per second and 99th percentile latency. */
async function wrk(url: string): Promise<{ perSecond: number; p99: string }> {
  const { stdout } = await run('wrk', ['-t2', '-c50', '-d10s', '--latency', '-H', 'Accept-Encoding: gzip, deflate, br', url])
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1])
  const p99 = /99%\s+(\S+)/.exec(stdout)?.[1] ?? '?'
  if (!perSecond || / Non-2xx/.test(stdout)) throw new Error(`wrk against ${url}:\n${stdout}`)
  return { perSecond, p99 }
}

/** nginx with nothing but a root: the reference the production entry is measured against. */
async function startPlainNginx(root: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plain-nginx-'))
  const port = await freePort()
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes auto; pid ${dir}/pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { include /etc/nginx/mime.types; access_log off; sendfile on;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/${kind};`).join(' ')}
  server { listen 127.0.0.1:${port}; root ${root}; location / { try_files $uri $uri/index.html =404; } } }`,
  )
  const child = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  await waitUntilAnswering(url, { what: 'plain nginx', timeoutMs: 10_000 })
  return { url, stop: () => child.kill() }
}

/** Lighthouse's four category scores (0–100) for a page, on a simulated phone. */
async function lighthouse(
  url: string,
): Promise<{ performance: number; accessibility: number; bestPractices: number; seo: number; cls: number; bytes: number; findings: string[] }> {
  const { stdout } = await run(
    path.join(webDir, 'node_modules', '.bin', 'lighthouse'),
    [
      url,
      '--output=json',
      '--quiet',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH || '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 },
  )
  const report = JSON.parse(stdout) as {
    categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>
    audits: Record<string, { numericValue?: number; score: number | null; title: string }>
  }
  const score = (name: string) => Math.round(report.categories[name]!.score * 100)
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    cls: report.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    bytes: report.audits['total-byte-weight']?.numericValue ?? NaN,
    // What cost points: every weighted audit of the four categories that did not pass whole.
    findings: Object.values(report.categories)
      .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0))
      .filter((ref) => (report.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${ref.id}: ${report.audits[ref.id]!.title}`),
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

it('measures the production entry against the Node site server and plain nginx, and Lighthouse', async () => {
  const buildsDir = mkdtempSync(path.join(os.tmpdir(), 'bench-builds-'))
  const live = path.join(buildsDir, 'live')
  symlinkSync(inject('siteDir'), live)
  const node = await serveBuild(live, inject('cmsUrl'))
  const entry = await startNginx({ siteRoot: path.join(live, 'client'), siteServer: new URL(node.url).host, cmsOrigin: new URL(inject('cmsUrl')).origin })
  const plain = await startPlainNginx(path.join(live, 'client'))
  try {
    const speed: string[] = []
    for (const route of ['/', '/faq']) {
      const measured = { entry: await wrk(`${entry.url}${route}`), node: await wrk(`${node.url}${route}`), plain: await wrk(`${plain.url}${route}`) }
      speed.push(
        `| \`${route}\` | ${fmt(measured.entry.perSecond)} (p99 ${measured.entry.p99}) | ${fmt(measured.node.perSecond)} (p99 ${measured.node.p99}) | ` +
          `${fmt(measured.plain.perSecond)} (p99 ${measured.plain.p99}) | ${Math.round((100 * measured.entry.perSecond) / measured.plain.perSecond)}% | ` +
          `${(measured.entry.perSecond / 7435).toFixed(1)}× |`,
      )
    }
    const weight: string[] = []
    for (const route of PAGES) {
      const [identity, gzip, br] = await Promise.all(['identity', 'gzip', 'br'].map((encoding) => bytesOnTheWire(`${entry.url}${route}`, encoding)))
      weight.push(`| \`${route}\` | ${kb(identity!)} | ${kb(gzip!)} | ${kb(br!)} |`)
    }
    const scores: string[] = []
    const findings: string[] = []
    for (const route of PAGES) {
      const result = await lighthouse(`${entry.url}${route}`)
      scores.push(
        `| \`${route}\` | ${result.performance} | ${result.accessibility} | ${result.bestPractices} | ${result.seo} | ${result.cls.toFixed(3)} | ${kb(result.bytes)} |`,
      )
      findings.push(...result.findings.map((finding) => `- \`${route}\` ${finding}`))
    }
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(
      path.join(resultsDir, 'static-serving.md'),
      `# Serving the static site

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (web/bench/staticServing.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine:
the site tests' build (the seeded copy and a report with a cover, an image in its body and a PDF).

## Requests per second

wrk -t2 -c50 -d10s with \`Accept-Encoding: gzip, deflate, br\`, one server after the other. The
production entry is nginx with the repo's configuration (precompressed files, cache and security
headers); the Node site server is \`pnpm start\` without Docker (the same headers and files); plain
nginx serves the same folder with nothing but \`root\` (no compression, no extra headers). The last
column compares with the Node site server's 7,435 req/s for \`/\` before this work (the issue's figure).

| page | production entry | Node site server | plain nginx | entry / plain | entry / 7,435 |
|---|---|---|---|---|---|
${speed.join('\n')}

Goal: the production entry within 80 % of plain nginx, and 10× or more the Node figure before.

## Bytes on the wire

Each page's HTML as sent for each Accept-Encoding (the build's own brotli and gzip copies).

| page | as it is | gzip | brotli |
|---|---|---|---|
${weight.join('\n')}

## Lighthouse

Lighthouse ${'13.5.0'} (npm), mobile (its default: a simulated mid-range phone and slow 4G), Debian's
Chromium, through the production entry. Total bytes: everything the page loads, as Lighthouse counts it.

| page | performance | accessibility | best practices | SEO | CLS | total bytes |
|---|---|---|---|---|---|---|
${scores.join('\n')}

${findings.length > 0 ? `Audits that did not pass:\n${findings.join('\n')}` : 'Every weighted audit passed.'}
`,
    )
  } finally {
    plain.stop()
    entry.stop()
    node.stop()
    rmSync(buildsDir, { recursive: true, force: true })
  }
}, 1_200_000)
