#!/bin/sh
# For working on e2e tests while another run is going: builds into its own folder and serves on
# its own port.   E2E_DIST=dist-b E2E_PORT=4181 scripts/e2e-isolated.sh tests/e2e/x.spec.ts
set -e
: "${E2E_DIST:?set E2E_DIST, e.g. dist-b}" "${E2E_PORT:?set E2E_PORT, e.g. 4181}"
npx vite build --outDir "$E2E_DIST/client" --emptyOutDir >/dev/null
# The module that renders public pages, beside client/ where the server looks for it.
npx vite build --ssr src/app/ssr/render-page.ts --outDir "$E2E_DIST/ssr" --emptyOutDir >/dev/null
npx tsc -p tsconfig.server.json --outDir "$E2E_DIST/node"
export E2E_DIST E2E_PORT
exec npx playwright test "$@"
