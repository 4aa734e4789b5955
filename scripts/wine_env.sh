# Sourced by the test scripts, from the repository's root: wine runs the Windows tests in a
# prefix of their own under target/, made once before any test runs. A user's ~/.wine may
# be 32-bit only (made before wine64 was installed), and programs started while a prefix is
# being made fail. With wine64 installed, wineboot makes a prefix that runs 64- and 32-bit
# programs alike.
export WINEPREFIX="$PWD/target/wine-prefix"
if command -v wine >/dev/null && [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p target
  WINEDEBUG=-all wine wineboot --init >/dev/null 2>&1 || true
  wineserver -w || true
  if ! grep -qx '#arch=win64' "$WINEPREFIX/system.reg" 2>/dev/null; then
    echo "wine did not make a 64-bit prefix in $WINEPREFIX (is wine64 installed?)" >&2
    exit 1
  fi
fi
