# syntax=docker/dockerfile:1
# One image for the API and the worker (and the migrator); compose.yaml picks the command.
#   docker build -t instantly-bridge .            # service image
#   docker build --target n8n -t instantly-bridge-n8n .   # n8n with the community node package
# Not built on the project's CI machines (no container engine there): scripts/ci/dist-check.sh runs the same
# install/build/start commands on a clean copy instead (docs/operations.md).

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: dev dependencies, prisma generate, tsc to dist/, the prebuilt workflow bundle ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here: the postinstall would build the Temporal CLI and the n8n package, neither of which
# the image needs; generate runs explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run generate && npm run build
# dist/ now holds the compiled service and dist/workflow-bundle.js (the worker loads it instead of bundling).

# ---- runtime: production dependencies only, non-root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 METRICS_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall (prisma generate, Temporal CLI, n8n package) is for development machines;
# the generated Prisma client is compiled into dist/lib/generated already.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000 9464
# API by default. Worker: node --max-old-space-size=160 --max-semi-space-size=4 dist/worker/main.js (heap cap,
# as `npm run worker:prod`). Migrations: node dist/scripts/migrate.js
CMD ["node", "dist/api/main.js"]

# ---- n8n with the node package (n8n-nodes/, its own package.json, no runtime dependencies) ----
FROM ${NODE_IMAGE} AS n8n-nodes
WORKDIR /n8n-nodes
COPY n8n-nodes/package.json n8n-nodes/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY n8n-nodes/ ./
RUN npm run build && npm prune --omit=dev

FROM docker.n8n.io/n8nio/n8n:2.8.4 AS n8n
# n8n loads community packages from N8N_CUSTOM_EXTENSIONS (a folder of package folders).
COPY --from=n8n-nodes --chown=node:node /n8n-nodes /opt/n8n-custom/n8n-nodes-instantly-bridge
ENV N8N_CUSTOM_EXTENSIONS=/opt/n8n-custom
