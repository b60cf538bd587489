#!/usr/bin/env bash
# Rebuild static/css/pipdash.css from static/src/*.scss with GOV.UK Frontend's Sass.
# Needs npm; the built CSS is committed, so running the service never needs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm install --silent --no-audit --no-fund govuk-frontend@5.14.0 sass@1 >/dev/null
./node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
  --silence-deprecation=import,global-builtin,color-functions \
  --load-path=node_modules/govuk-frontend/dist \
  "$here/pipdash.scss" "$here/../css/pipdash.css"
echo "wrote static/css/pipdash.css"
