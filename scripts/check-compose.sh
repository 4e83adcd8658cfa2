#!/usr/bin/env bash
# Checks docker-compose.yml with the compose client (no Docker engine needed), using the
# variables of .env.example with placeholder secrets filled in.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
sed -e 's/^\(POSTGRES_PASSWORD\|PAYLOAD_SECRET\|NEWSLETTER_SITE_TOKEN\)=$/\1=placeholder-for-config-check/' .env.example > "$env_file"
if docker compose version >/dev/null 2>&1; then
  docker compose --env-file "$env_file" -f docker-compose.yml config --quiet
else
  docker-compose --env-file "$env_file" -f docker-compose.yml config --quiet
fi
echo "docker-compose.yml: valid"
