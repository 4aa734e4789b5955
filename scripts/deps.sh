#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: a C compiler, the development
# headers of every library the tests bind (the header corpus of tests/corpus/headers.tsv
# included, with the headers that need pkg-config's flags), libffi for run-time mode and the benchmarks, the
# cross compilers and qemu that check layouts for aarch64 and i686 and run the aarch64 cross
# builds, clang (which lays records out for the Apple targets), MinGW and wine, 64- and 32-bit
# (the examples and tests cross-built for Windows and run), Rust's standard library for aarch64, and Python's cffi for the conformance test. Run by scripts/test.sh and by CI; as root, or with sudo available.
set -euo pipefail

# header (or command) -> Debian package
checks=(
  "cmd:cc gcc"
  "cmd:aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu"
  "cmd:i686-linux-gnu-gcc gcc-i686-linux-gnu"
  "cmd:qemu-aarch64 qemu-user"
  "cmd:clang clang"
  "cmd:x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64"
  "cmd:i686-w64-mingw32-gcc gcc-mingw-w64-i686"
  "cmd:wine wine"
  "file:/usr/lib/wine/wine64 wine64"
  "cmd:pkg-config pkgconf"
  "cmd:python3 python3"
  "zlib.h zlib1g-dev"
  "sqlite3.h libsqlite3-dev"
  "bzlib.h libbz2-dev"
  "pkg:libxml-2.0 libxml2-dev"
  "pkg:hdf5 libhdf5-dev"
  "pkg:lua5.4 liblua5.4-dev"
  "pkg:glib-2.0 libglib2.0-dev"
  "pkg:libpcre2-8 libpcre2-dev"
  "pkg:libpq libpq-dev"
  "pkg:ompi-c libopenmpi-dev"
  "pkg:mpich libmpich-dev"
  "cmd:mpirun openmpi-bin"
  "ffi.h libffi-dev"
  "zstd.h libzstd-dev"
  "lzma.h liblzma-dev"
  "lz4.h liblz4-dev"
  "yaml.h libyaml-dev"
  "jansson.h libjansson-dev"
  "uv.h libuv1-dev"
  "curl/curl.h libcurl4-openssl-dev"
  "archive.h libarchive-dev"
  "magic.h libmagic-dev"
  "uuid/uuid.h uuid-dev"
  "sodium.h libsodium-dev"
  "gmp.h libgmp-dev"
  "mpfr.h libmpfr-dev"
  "fftw3.h libfftw3-dev"
  "cblas.h libopenblas-dev"
  "lapacke.h liblapacke-dev"
  "gsl/gsl_sf_bessel.h libgsl-dev"
  "netcdf.h libnetcdf-dev"
  "git2.h libgit2-dev"
  "event2/event.h libevent-dev"
  "jpeglib.h libjpeg-dev"
  "pkg:libtirpc libtirpc-dev"
  "pcap.h libpcap-dev"
  "libusb-1.0/libusb.h libusb-1.0-0-dev"
  "pkg:sdl2 libsdl2-dev"
  "ncurses.h libncurses-dev"
  "png.h libpng-dev"
  "pkg:freetype2 libfreetype-dev"
  "pkg:cairo libcairo2-dev"
  "alsa/asoundlib.h libasound2-dev"
  "sndfile.h libsndfile1-dev"
  "X11/Xlib.h libx11-dev"
  "tiffio.h libtiff-dev"
  "webp/encode.h libwebp-dev"
  "ogg/ogg.h libogg-dev"
  "vorbis/codec.h libvorbis-dev"
  "opus/opus.h libopus-dev"
  "FLAC/stream_decoder.h libflac-dev"
  "xcb/xcb.h libxcb1-dev"
  "readline/readline.h libreadline-dev"
  "pkg:python3-embed python3-dev"
  "pkg:tcl tcl-dev"
  "luajit-2.1/luajit.h libluajit-5.1-dev"
  "duktape.h duktape-dev"
  "openssl/evp.h libssl-dev"
  "gcrypt.h libgcrypt20-dev"
  "gnutls/gnutls.h libgnutls28-dev"
  "nettle/sha2.h nettle-dev"
  "argon2.h libargon2-dev"
  "expat.h libexpat1-dev"
  "lmdb.h liblmdb-dev"
  "gdbm.h libgdbm-dev"
  "zmq.h libzmq3-dev"
  "cjson/cJSON.h libcjson-dev"
)

have_header() {
  echo "#include <$1>" | cc -E -x c - >/dev/null 2>&1
}

missing=()
for check in "${checks[@]}"; do
  what=${check% *}
  package=${check##* }
  case $what in
    cmd:*) command -v "${what#cmd:}" >/dev/null || missing+=("$package") ;;
    # Debian's `wine` is content with wine32 alone: 64-bit programs need wine64 too.
    file:*) [ -e "${what#file:}" ] || missing+=("$package") ;;
    # Headers outside the default include path: pkg-config knows where they are.
    pkg:*) command -v pkg-config >/dev/null && pkg-config --exists "${what#pkg:}" || missing+=("$package") ;;
    *) command -v cc >/dev/null && have_header "$what" || missing+=("$package") ;;
  esac
done

# 32-bit Windows programs run under wine32, an i386 package. (Installed after wine has made a
# 64-bit-only prefix in ~/.wine, it cannot run programs there until the prefix is made again.)
if ! dpkg -s wine32:i386 >/dev/null 2>&1; then
  missing+=("wine32:i386")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [[ " ${missing[*]} " == *":i386 "* ]] && ! dpkg --print-foreign-architectures | grep -qx i386; then
    $sudo dpkg --add-architecture i386
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

# The conformance test against Python cffi's own test suite asks the installed cffi for its
# verdicts (and downloads cffi's sources with pip at test time).
if ! python3 -c 'import cffi' 2>/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-cffi python3-pip
fi

# The cross builds of the tests (a crate and the examples built for aarch64 and run under
# qemu, the examples built for 64- and 32-bit Windows and run under wine) need Rust's standard
# library for the targets.
for target in aarch64-unknown-linux-gnu x86_64-pc-windows-gnu i686-pc-windows-gnu; do
  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
  fi
done
