#!/usr/bin/env bash
# Lints the BPMN processes in bpmn/ with bpmnlint (rules: .bpmnlintrc).
# Exits non-zero when bpmnlint reports an error.
set -euo pipefail

cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
npx --no-install bpmnlint bpmn/*.bpmn
