import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort, waitUntilAnswering } from 'cms/testing'

import { webDir } from '../setup/builtSite'

const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx'

/** The site's nginx templates (web/nginx/) with their variables filled in, as entrypoint.sh does. */
function render(file: string, vars: Record<string, string>): string {
  const text = readFileSync(path.join(webDir, 'nginx', file), 'utf8').replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => vars[name] ?? whole)
  const left = /\$\{[A-Z_]+\}/.exec(text)
  if (left) throw new Error(`${file}: ${left[0]} has no value`)
  return text
}

/**
 * nginx from Debian's packages (with its brotli module) running the site's own configuration in
 * a folder of its own, in front of a site server: the public entry as docker compose runs it.
 */
export async function startNginx({ siteRoot, siteServer, cmsOrigin }: { siteRoot: string; siteServer: string; cmsOrigin: string }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'site-nginx-'))
  const port = await freePort()
  const vars = {
    SITE_ROOT: siteRoot,
    SITE_SERVER: siteServer,
    CMS_ORIGIN: cmsOrigin,
    LISTEN: `127.0.0.1:${port}`,
    TLS_CERTIFICATES: '',
    HSTS: '',
    REAL_IP: '',
    SNIPPETS_DIR: dir,
  }
  writeFileSync(path.join(dir, 'site.conf'), render('site.conf.template', vars))
  writeFileSync(path.join(dir, 'site-headers.conf'), render('site-headers.conf.template', vars))
  // Debian's main configuration (its modules, brotli among them), reduced to what the site needs;
  // everything nginx writes goes to this folder.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'include /etc/nginx/modules-enabled/*.conf;',
      // The test's builds are private folders of the user running the tests.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      // As Debian's nginx.conf: a worker per core.
      'worker_processes auto;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  sendfile on;',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
      `  include ${dir}/site.conf;`,
      '}',
    ].join('\n'),
  )
  const conf = path.join(dir, 'nginx.conf')
  const check = spawnSync(NGINX, ['-t', '-c', conf], { encoding: 'utf8' })
  if (check.error) {
    throw new Error(
      `nginx could not be run (${NGINX}: ${check.error.message}). The site tests need nginx with its brotli module: ` +
        '`bash scripts/test-tools.sh` installs them (on Debian: apt-get install nginx libnginx-mod-http-brotli-static), or set NGINX_PATH.',
    )
  }
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`)
  const child = spawn(NGINX, ['-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  await waitUntilAnswering(url, { what: 'nginx', anyStatus: true, timeoutMs: 10_000, details: () => readFileSync(path.join(dir, 'error.log'), 'utf8') })
  return { url, configTest: check.stderr, stop: () => child.kill() }
}
