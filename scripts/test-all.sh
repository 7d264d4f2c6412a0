#!/bin/sh
# Everything `npm test` runs, in order: types, unit and integration tests, then the app end to end.
set -eu
export PATH="$(pwd)/node_modules/.bin:$PATH"
echo "== type checks"
npm run -s typecheck
echo "== lint and format check"
npm run -s lint
npm run -s format:check
echo "== build"
electron-vite build >/dev/null
echo "== unit and integration tests (vitest)"
vitest run
echo "== end-to-end tests (Playwright: browser shell in Chromium, Electron where available)"
xvfb-run -a --server-args="-screen 0 1280x900x24" playwright test
