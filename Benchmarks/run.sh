#!/usr/bin/env bash
# Builds hark and the benchmark in release mode, makes the inputs if they are
# missing (Benchmarks/data, not committed) and prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
# As the README installs it: the Swift libraries linked in.
swift build -c release --static-swift-stdlib --product hark
# The manifest cache would miss source files added to hark since the last build.
swift build -c release --package-path Benchmarks --product hark-bench --disable-build-manifest-caching
Benchmarks/.build/release/hark-bench --hark .build/release/hark --data Benchmarks/data \
    --sample sample-data/gradient-dissent-sarah-catanzaro.whisper.txt "$@"
# One group of figures asked for: the first run printed it.
if [[ " $* " == *"-only "* ]]; then exit 0; fi
Benchmarks/.build/release/hark-bench --hark .build/release/hark --data Benchmarks/data \
    --sample sample-data/gradient-dissent-sarah-catanzaro.whisper.txt --formats-only "$@"
if command -v tmux >/dev/null; then
    bash Benchmarks/pagers.sh Benchmarks/data/1000-hours.whisper.txt "$PWD/.build/release/hark" 3
    bash Benchmarks/pagers.sh Benchmarks/data/1000-hours.srt "$PWD/.build/release/hark" 3
else
    echo "(tmux is not installed: no comparison with less and vim)"
fi
