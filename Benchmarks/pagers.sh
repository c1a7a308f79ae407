#!/usr/bin/env bash
# hark against less and vim on the 1,000-hour file, each in a 200x60 tmux
# window, timed as a person sees it: until the first lines show, until `G`
# shows the end, until a search for a pattern that is nowhere (so it reads to
# the end) says so. Median of RUNS runs, in milliseconds. Called by run.sh.
set -euo pipefail
file=$1 hark=$2 runs=${3:-3}
socket=hark-pagers-$$
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
now() { date +%s%N; }
# Polls the screen until it matches every pattern given.
wait_for() {
    local deadline=$(( $(now) + 30000000000 )) screen
    while (( $(now) < deadline )); do
        screen=$(tmux_ capture-pane -p -t b)
        local ok=1
        for pattern in "$@"; do grep -qF -- "$pattern" <<<"$screen" || { ok=0; break; }; done
        (( ok )) && return 0
    done
    echo "timed out waiting for: $*" >&2
    return 1
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() {
    local name=$1 command=$2 notfound=$3 top=$4 quit=$5
    local firsts=() ends=() searches=()
    for ((run = 0; run < runs; run++)); do
        local start=$(now)
        tmux_ new-session -d -s b -x 200 -y 60 "TERM=xterm-256color $command; sleep 600"
        wait_for "I think people see"
        firsts+=($(( ($(now) - start) / 1000000 )))
        start=$(now); tmux_ send-keys -t b G
        wait_for "1000:44:0" "upbeat music"
        ends+=($(( ($(now) - start) / 1000000 )))
        tmux_ send-keys -t b $top
        wait_for "I think people see"
        tmux_ send-keys -t b -l "/zzqqxxyy"
        start=$(now); tmux_ send-keys -t b Enter
        wait_for "$notfound"
        searches+=($(( ($(now) - start) / 1000000 )))
        tmux_ send-keys -t b $quit
        tmux_ kill-server
        # Let the old server go before the next starts (outside any timing).
        while tmux_ has-session 2>/dev/null; do sleep 0.05; done
        sleep 0.2
    done
    printf '%-8s %13s %8s %19s\n' "$name" \
        "$(printf '%s\n' "${firsts[@]}" | median)" "$(printf '%s\n' "${ends[@]}" | median)" \
        "$(printf '%s\n' "${searches[@]}" | median)"
}

echo
echo "== in a 200x60 tmux window on $(basename "$file"), as a person sees it; median of $runs, ms =="
echo "program   first screen        G   search to the end"
command -v less >/dev/null && measure less "less '$file'" "Pattern not found" g q
command -v vim >/dev/null && measure vim "vim -n -u NONE -i NONE -R '$file'" "Pattern not found" "g g" ": q ! Enter"
measure hark "'$hark' '$file'" "pattern not found" g q
rm -f "/tmp/tmux-$(id -u)/$socket"
