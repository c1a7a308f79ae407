#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), two at a time (the
# machine has two cores), from the seeds in Corpus/. Not part of CI.
#   bash Fuzz/run.sh [SECONDS] [TARGET...]
# Inputs found along the way stay in Fuzz/work/TARGET/ (reused next run);
# an input that crashes goes to Fuzz/artifacts/TARGET/ and the run says so.
# Each crash is then made a regression test in the main test suite.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-text-formats fuzz-json-formats fuzz-topics-file fuzz-notes-file fuzz-search fuzz-count fuzz-reader-keys)

# AddressSanitizer too: a read past a buffer (the C kernels, hark's unsafe
# pointers) is caught where it happens, not only if it crashes.
# The manifest cache would miss source files added to hark since the last build.
swift build -c release --sanitize=address -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --disable-build-manifest-caching
bin=$(swift build -c release --sanitize=address -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --show-bin-path)

run_one() {
    local target=$1 seconds=$2 bin=$3
    mkdir -p "work/$target" "artifacts/$target"
    cp -n "Corpus/$target"/* "work/$target/" 2>/dev/null || true
    local status=0
    "$bin/$target" "work/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="artifacts/$target/" -print_final_stats=1 > "work/$target.log" 2>&1 || status=$?
    local runs corpus
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "work/$target.log" | grep -o '[0-9]*$' || echo '?')
    corpus=$(ls "work/$target" | wc -l)
    if [ "$status" -eq 0 ]; then
        echo "$target: $runs executions in ${seconds}s, corpus $corpus inputs, nothing found"
    else
        echo "$target: FOUND A PROBLEM after $runs executions (exit $status): see Fuzz/artifacts/$target/ and Fuzz/work/$target.log"
    fi
}
export -f run_one
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c "run_one {} $seconds $bin"
