#!/usr/bin/env bash
# The archiver of the Apple checks: zig's, which writes Mach-O archives.
exec "$(dirname "$0")/../target/zig/ziglang/zig" ar "$@"
