#!/usr/bin/env bash
# Set up kiosk on a fresh Debian or Raspberry Pi OS machine, from this checkout:
# system packages (with apt-get, when we have the rights), then a Python virtual
# environment in .venv with kiosk installed in it. Safe to run again: it skips what is there.
#
#   ./install.sh          what the kiosk needs to run
#   ./install.sh --stats  also matplotlib, for the charts of `kiosk stats --html`
#   ./install.sh --dev    also what the tests and the screenshots need (matplotlib included)
set -euo pipefail
cd "$(dirname "$0")"

dev=0
stats=0
for option in "$@"; do
  case "$option" in
    --dev) dev=1; stats=1 ;;
    --stats) stats=1 ;;
    *) echo "install.sh: unknown option $option (use --dev, --stats or nothing)" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-python3}

# espeak-ng: offline speech for narration (pyttsx3's engine on Linux).
# fonts-dejavu-core: the caption typeface. For captions in scripts DejaVu lacks, Debian's Noto
# fonts: fonts-noto-core (Arabic, Hebrew, Thai, Devanagari and most other scripts),
# fonts-noto-cjk (Chinese, Japanese, Korean) and fonts-noto-color-emoji. pygame-ce's wheel
# brings its own SDL 2, whose Wayland driver loads libwayland-egl and libwayland-cursor
# (without them it crashes opening a window).
packages=(espeak-ng fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
  libwayland-egl1 libwayland-cursor0)
# xset (x11-xserver-utils) is for the display power test on a real X server.
[ "$dev" = 1 ] && packages+=(xvfb x11-xserver-utils sox)

missing=()
if command -v dpkg-query >/dev/null; then
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
fi
command -v "$python" >/dev/null || missing+=(python3)
"$python" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "install.sh: please install these system packages first, then run me again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "install.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "install.sh: kiosk needs Python 3.11 or newer; $("$python" --version) found" >&2
  exit 1
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
# pygame-ce and pygame share the import name and the files in site-packages/pygame: a .venv
# made before the switch to pygame-ce loses both first (pip would keep pygame beside pygame-ce,
# and removing pygame later deletes files pygame-ce needs); the install below brings pygame-ce.
if .venv/bin/python -m pip show --quiet pygame >/dev/null 2>&1; then
  echo "install.sh: replacing pygame with pygame-ce in .venv"
  .venv/bin/python -m pip uninstall --quiet --yes pygame
  if .venv/bin/python -m pip show --quiet pygame-ce >/dev/null 2>&1; then
    .venv/bin/python -m pip uninstall --quiet --yes pygame-ce
  fi
fi
extras=()
[ "$dev" = 1 ] && extras+=(dev)
[ "$stats" = 1 ] && extras+=(stats)
extras=$(IFS=,; echo "${extras[*]}")
extras=${extras:+[$extras]}
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".${extras}"
echo "install.sh: ready. Run the kiosk with .venv/bin/kiosk run"
