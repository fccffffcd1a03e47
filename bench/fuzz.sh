#!/usr/bin/env bash
# Fuzz every cargo-fuzz target of fuzz/ and print one line per target: executions, coverage
# (libFuzzer's edge count "cov" and feature count "ft"), corpus size, and findings.
#
#   bash bench/fuzz.sh                 # the long run: 1,000,000 executions per target
#   bash bench/fuzz.sh --runs N        # N executions per target
#   bash bench/fuzz.sh --smoke         # what CI runs: 20 seconds per target
#
# Needs a nightly toolchain (`rustup toolchain list`) and cargo-fuzz (`cargo install
# cargo-fuzz --locked`). Corpora live in target/fuzz-corpus/ (not in git); a crash leaves its
# input in fuzz/artifacts/<target>/ and makes this script exit 1: turn it into a regression
# test beside the code it breaks.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000000
limit=()
case "${1:-}" in
  --smoke) runs=0; limit=(-max_total_time=20) ;;
  --runs) runs="$2" ;;
  "") ;;
  *) echo "usage: $0 [--smoke | --runs N]" >&2; exit 2 ;;
esac

toolchain=nightly
rustup toolchain list | grep -q '^nightly' || { echo "fuzz: no nightly toolchain" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

targets=$(cd fuzz && cargo +"$toolchain" fuzz list)
cargo +"$toolchain" fuzz build --fuzz-dir fuzz -O >/dev/null 2>&1 || cargo +"$toolchain" fuzz build --fuzz-dir fuzz -O

failed=0
printf '%-10s %10s %8s %8s %8s %s\n' target execs cov ft corpus findings
for t in $targets; do
  corpus="target/fuzz-corpus/$t"
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  log=$(mktemp)
  args=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1)
  if [ "$runs" -gt 0 ]; then args+=(-runs="$runs"); fi
  status=0
  cargo +"$toolchain" fuzz run --fuzz-dir fuzz -O "$t" "$corpus" -- "${args[@]}" "${limit[@]}" \
    >"$log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
  if [ "$status" -ne 0 ]; then
    findings="CRASH (see $log and fuzz/artifacts/$t)"
    failed=1
  else
    findings=none
    rm -f "$log"
  fi
  printf '%-10s %10s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$findings"
done
exit "$failed"
