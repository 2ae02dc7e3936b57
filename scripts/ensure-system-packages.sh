#!/usr/bin/env bash
# Installs the system packages the tests need when they are missing, so that the README's test
# command (`npm test`, which runs this as its `pretest`) passes on a fresh machine.
# Debian/Ubuntu: apt-get, as root or through sudo. Elsewhere it says what to install and goes on
# (the tests that need a missing package then fail with a message naming it).
set -uo pipefail

# Runs a command as root: directly when we are root, through non-interactive sudo otherwise.
as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

apt_updated=""
# apt_install PACKAGE...: installs Debian packages (one apt-get update per run).
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_command COMMAND PATH PACKAGE WHY: installs PACKAGE when PATH (the file the tests use) is missing.
ensure_command() {
  local command="$1" path="$2" package="$3" why="$4"
  [ -x "$path" ] && return 0
  echo "plexus: $command is missing ($why); installing the $package package..." >&2
  if apt_install "$package" && [ -x "$path" ]; then
    echo "plexus: installed $package." >&2
  else
    echo "plexus: could not install $package: install it by hand (Debian: \`apt-get install -y $package\` as root)." >&2
  fi
}

# The browser test drives Debian's chromium through playwright-core.
ensure_command chromium /usr/bin/chromium chromium "the browser test opens the report in it"

# The NATS transport's tests start a real broker (Debian's nats-server) on a free loopback port.
ensure_command nats-server /usr/sbin/nats-server nats-server "the NATS transport's tests start a broker"

# More system packages go here.

exit 0
