#!/usr/bin/env bash
# Measures Nimbus alone under RTMP fan-out load: bench/compare with SERVERS=nimbus (see there for
# what is measured and the environment variables), results in bench/target/run-nimbus/.
#
#   bench/run-nimbus.sh [N ...]            default: 100 500
set -euo pipefail
[ $# -gt 0 ] || set -- 100 500
SERVERS=nimbus OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/run-nimbus" \
  exec "$(dirname "${BASH_SOURCE[0]}")/compare" "$@"
