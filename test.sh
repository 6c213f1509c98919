#!/usr/bin/env bash
# Runs every test of Strata. Installs what the tests need first (the JSON Schema checker's npm
# packages), so it works on a fresh machine. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use, installed with one apt-get update: Node.js runs ajv for the JSON
# Schema tests; chromium renders the HTML report; busybox-static, runc, crun, bubblewrap, runsc and
# systemd-container are the isolation tools `strata measure` measures for real; qemu and a kernel
# let `strata probe --deep` try a KVM guest boot.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v busybox >/dev/null 2>&1 || missing+=(busybox-static)
for tool in runc crun runsc; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v systemd-nspawn >/dev/null 2>&1 || missing+=(systemd-container)
# The store's PostgreSQL tests start a throwaway cluster of their own with the server's initdb and pg_ctl.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The Native AOT publish links with clang (clang-14 is enough: Directory.Build.props picks it).
command -v clang >/dev/null 2>&1 || command -v clang-14 >/dev/null 2>&1 || missing+=(clang)
# `strata probe --deep` boots the host's kernel under qemu to tell whether KVM really works.
if [ "$(uname -m)" = x86_64 ]; then
  command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
  ls /boot/vmlinuz* >/dev/null 2>&1 || missing+=(linux-image-cloud-amd64)
fi
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || echo "test.sh: some packages did not install; their tests say so" >&2
fi
# Without Node.js the schema tests cannot run at all: stop here rather than report them as failures.
command -v node >/dev/null 2>&1 || { echo "test.sh: Node.js is missing and could not be installed (run as root, or install nodejs and npm)" >&2; exit 1; }
if [ ! -d tools/schema-check/node_modules ]; then
  (cd tools/schema-check && npm ci --no-audit --no-fund --loglevel=error)
fi
# axe-core, which the page test injects to scan the served page for accessibility problems.
if [ ! -f tools/axe/node_modules/axe-core/axe.min.js ]; then
  (cd tools/axe && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# The build users get is the Native AOT one. Pack the RID-specific tool packages (linux-x64 AOT, any as the
# fallback, and the package that points at both) and install the tool: the CLI tests run their end-to-end checks
# (PublishedBinaryTests) against that installed binary. `pack -r linux-x64` is the Native AOT publish (ILC and the
# link); a separate `dotnet publish` before it only made the same binary once more in a folder nothing reads.
aot_step() {
  local step_start=$SECONDS
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "test.sh: '$*' failed (see above); nothing was tested" >&2
    exit 1
  fi
  echo "test.sh: $* $((SECONDS - step_start)) s" >&2
}
phase_start=$SECONDS
rm -rf artifacts/packages/Strata.Cli.* artifacts/tool artifacts/tool-packages
aot_step dotnet pack src/Strata.Cli -c Release -r linux-x64 --nologo
aot_step dotnet pack src/Strata.Cli -c Release --nologo
aot_step dotnet pack src/Strata.Cli -c Release -r any --nologo
# A package cache of its own: the machine's would hand back an older Strata.Cli 0.1.0 it extracted before.
NUGET_PACKAGES="$PWD/artifacts/tool-packages" aot_step dotnet tool install --tool-path artifacts/tool --add-source artifacts/packages Strata.Cli
echo "test.sh: Native AOT tool packages and install $((SECONDS - phase_start)) s" >&2
export STRATA_BINARY="$PWD/artifacts/tool/strata"
phase_start=$SECONDS
dotnet test Strata.slnx -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "test.sh: dotnet test $((SECONDS - phase_start)) s (whole script ${SECONDS} s)" >&2
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
