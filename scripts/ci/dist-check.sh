#!/usr/bin/env bash
# Proves on a machine without a container engine what the Dockerfile does: a clean copy of the committed tree
# (git archive), `npm ci` + generate + `npm run build`, then a runtime copy with only dist/, prisma/migrations and
# the package files, `npm ci --omit=dev --ignore-scripts`, migrations, and the API and the worker started from
# dist/ until GET /readyz answers 200 with checks.worker ok.
# Needs DATABASE_URL (an empty database it may migrate) and TEMPORAL_ADDRESS (host:port) of running engines.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL of a PostgreSQL database to migrate}"
: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS of a running Temporal (host:port)}"
ROOT=$(git rev-parse --show-toplevel)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ib-dist-XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/src" "$WORK/rt/prisma"
git -C "$ROOT" archive HEAD | tar -x -C "$WORK/src"
cd "$WORK/src"
npm ci --ignore-scripts --no-audit --no-fund
npm run generate
npm run build
test -f dist/workflow-bundle.js
cp -r dist package.json package-lock.json "$WORK/rt/"
cp -r prisma/migrations "$WORK/rt/prisma/"
cd "$WORK/rt"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
export NODE_ENV=production HOST=127.0.0.1 TEMPORAL_TASK_QUEUE="dist-check-$$"
export API_TOKEN=${API_TOKEN:-$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")}
export WEBHOOK_SECRET=${WEBHOOK_SECRET:-$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")}
export SETTINGS_ENCRYPTION_KEYS=${SETTINGS_ENCRYPTION_KEYS:-$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")}
PORT=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
export PORT
node dist/scripts/migrate.js
METRICS_PORT=0 node --max-old-space-size=160 --max-semi-space-size=4 dist/worker/main.js > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
METRICS_PORT=0 node dist/api/main.js > "$WORK/api.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz?require=worker" 2>/dev/null; then
    echo; echo "dist-check: /readyz 200 from dist/ with production dependencies only"; exit 0
  fi
  sleep 1
done
echo "dist-check: /readyz never answered 200"; tail -n 30 "$WORK/api.log" "$WORK/worker.log"; exit 1
