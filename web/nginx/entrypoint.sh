#!/bin/sh
# Renders the site's nginx configuration from the templates beside this script, then runs nginx.
# CMS_PUBLIC_URL (the admin's address) is required. With a certificate and key mounted at
# /etc/nginx/tls/fullchain.pem and privkey.pem, it serves HTTPS on 443 (with HSTS) and redirects
# port 80 there; without, plain HTTP on 80 (for a TLS proxy or load balancer in front: list its
# addresses in TRUSTED_PROXIES, comma-separated, and the visitor is read from its X-Forwarded-For).
set -eu
: "${CMS_PUBLIC_URL:?set CMS_PUBLIC_URL to the admin's public address}"
dir=/etc/nginx/site
conf=/etc/nginx/conf.d
# Outside conf.d, which nginx includes at the http level: only the site's locations include it.
export SNIPPETS_DIR=/etc/nginx/snippets
mkdir -p "$SNIPPETS_DIR"
export CMS_ORIGIN="$(echo "$CMS_PUBLIC_URL" | sed -E 's#^(https?://[^/]+).*#\1#')"
if [ -f /etc/nginx/tls/fullchain.pem ] && [ -f /etc/nginx/tls/privkey.pem ]; then
  export LISTEN="443 ssl"
  export TLS_CERTIFICATES="ssl_certificate /etc/nginx/tls/fullchain.pem; ssl_certificate_key /etc/nginx/tls/privkey.pem;"
  export HSTS="max-age=63072000; includeSubDomains"
  printf 'server {\n  listen 80;\n  server_tokens off;\n  return 301 https://$host$request_uri;\n}\n' > "$conf/redirect-to-https.conf"
else
  export LISTEN=80 TLS_CERTIFICATES="" HSTS=""
fi
export REAL_IP=""
for proxy in $(echo "${TRUSTED_PROXIES:-}" | tr ',' ' '); do REAL_IP="$REAL_IP set_real_ip_from $proxy;"; done
[ -n "$REAL_IP" ] && REAL_IP="$REAL_IP real_ip_header X-Forwarded-For; real_ip_recursive on;"
vars='${SITE_ROOT} ${SITE_SERVER} ${CMS_ORIGIN} ${LISTEN} ${TLS_CERTIFICATES} ${HSTS} ${SNIPPETS_DIR} ${REAL_IP}'
envsubst "$vars" < "$dir/site.conf.template" > "$conf/site.conf"
envsubst "$vars" < "$dir/site-headers.conf.template" > "$SNIPPETS_DIR/site-headers.conf"
nginx -t
exec nginx -g 'daemon off;'
