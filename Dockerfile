# syntax=docker/dockerfile:1
# Brugerstemme for a municipality's IT. Three stages: build with the full toolchain, install only
# the production dependencies, and run both on a slim image that holds neither the sources nor a
# package manager. See "Operations" in the README.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build the app (Vite) and the server (tsc) with the exact locked versions.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Only what the server imports at run time (package.json "dependencies").
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The runtime: node, the production dependencies, the built output and the migrations.
FROM ${NODE_IMAGE} AS runtime
# No package manager in the image that runs: nothing here installs or builds anything.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* \
  && mkdir /data && chown node:node /data
ENV HOST=0.0.0.0 PORT=8080 DATA_DIR=/data DEMO_DATA=false TZ=Europe/Copenhagen
WORKDIR /app
COPY --chown=root:root package.json ./
COPY --chown=root:root drizzle ./drizzle
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The code belongs to root and cannot be changed by the server; only /data is its own.
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/node/server/main.js"]
