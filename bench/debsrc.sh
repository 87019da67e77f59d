#!/usr/bin/env bash
# Sourced: mote_debsrc DIR PACKAGE... fetches Debian source packages with
# `apt-get source` through a private apt configuration under DIR/apt (deb-src
# lines for the release this machine runs; the system's apt setup is not
# touched), unpacks them under DIR/src and links DIR/src/<package> to each
# tree. Packages already there are not fetched again. Returns non-zero (see
# DIR/apt/*.log) when apt-get is missing or a package could not be fetched.
# Used by bench/profiles/peers.sh (size profiles), bench/compare/wolfssl_c.sh
# and bench/compare/arm32.sh. Also defines compile_all (below).
mote_debsrc() {
    local dir apt src codename p d missing=()
    dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1 # apt wants absolute paths
    apt=$dir/apt src=$dir/src
    shift
    for p in "$@"; do [ -d "$src/$p" ] || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || return 1
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$src"
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    cat >"$apt/sources.list" <<EOS
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $codename main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $codename-security main
EOS
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
        -o APT::Sandbox::User=root)
    apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 || return 1
    (cd "$src" && apt-get "${opts[@]}" source "${missing[@]}") >"$apt/source.log" 2>&1 || return 1
    for p in "${missing[@]}"; do
        d=$(find "$src" -maxdepth 1 -type d -name "$p-*" | head -1)
        [ -n "$d" ] && ln -sfn "$(basename "$d")" "$src/$p"
        [ -d "$src/$p" ] || return 1
    done
    return 0
}

# compile_all DIR CC FLAGS...: compile each C source named on stdin (one
# path a line) with CC FLAGS, $JOBS at a time (default 2), into
# DIR/<path with / as _>.o; the compilers' messages go to DIR/compile.log,
# the sources that failed to DIR/failed. Used by bench/profiles (mote and
# the peers) and bench/compare/arm32.sh.
compile_all() {
    local dir=$1
    shift
    mkdir -p "$dir"
    # shellcheck disable=SC2016
    xargs -P "${JOBS:-2}" -I{} sh -c 'o="$0/$(echo "{}" | tr "/" "_").o"; "$@" -c "{}" -o "$o" 2>>"$0/compile.log" || echo "{}" >>"$0/failed"' "$dir" "$@"
}
