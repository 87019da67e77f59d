#!/usr/bin/env bash
# Sourced: mote_debsrc DIR PACKAGE... fetches Debian source packages with
# `apt-get source` through a private apt configuration under DIR/apt (deb-src
# lines for the release this machine runs; the system's apt setup is not
# touched), unpacks them under DIR/src and links DIR/src/<package> to each
# tree. Packages already there are not fetched again. Returns non-zero (see
# DIR/apt/*.log) when apt-get is missing or a package could not be fetched.
# Used by bench/profiles/peers.sh (size profiles) and bench/compare/wolfssl_c.sh.
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
