#!/usr/bin/env bash
# The project's whole test run, from any directory, on a fresh Debian machine too:
#
#   scripts/test.sh
#
# 1. installs what is missing: Debian's chromium (only if /usr/bin/chromium is
#    absent), nginx with libnginx-mod-http-brotli-static and a Java runtime
#    (default-jre-headless) for the judges test, and the browser-test packages
#    (npm ci in tests/browser when node_modules is absent or older than
#    package-lock.json);
# 2. cargo test --release --all-targets (release, like the build of step 3: the
#    dependencies, libwebp's C among them, are compiled once, not twice);
#    Then the national portal of a generated 34-province country is checked
#    (tests/national.rs, its ignored test, over a fixture built on tmpfs);
# 3. builds the sample portals into a temporary directory;
# 4. runs the browser tests (tests/browser: axe-core WCAG 2.1 A/AA, lang, h1,
#    skip link) against that build, and `baucu serve` end to end (live reload and
#    error overlay in Chromium) with the release binary (BAUCU_BIN); and the
#    judges (tests/browser/judges.test.mjs): nginx started with README.md's
#    configuration (precompressed copies, content types, `_headers`, 404 pages,
#    cache and security headers), Lighthouse (mobile) on every page kind through
#    that nginx, and the Nu HTML checker (vnu) on every page. Nothing is fetched
#    from the internet at run time.
#
# Set BAUCU_KEEP=1 to keep the built portals (their path is printed).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
repo=$(pwd)

step() {
  printf '\n==> %s\n' "$*"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

step "[1/4] install what is missing (chromium, nginx, Java, browser-test packages)"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  apt_install chromium
else
  echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null | head -n1 || echo '?'))"
fi
# nginx and its brotli_static module: the judges serve the build with README.md's
# nginx configuration (brotli_static needs Debian's libnginx-mod-http-brotli-static).
missing=()
if [ ! -x /usr/sbin/nginx ]; then missing+=(nginx); fi
if [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  missing+=(libnginx-mod-http-brotli-static)
fi
# A Java runtime for the Nu HTML checker (vnu-jar). Installed before npm ci, so that
# vnu-jar's postinstall, should it run, finds it instead of downloading one.
if ! command -v java >/dev/null 2>&1; then missing+=(default-jre-headless); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt_install "${missing[@]}"
else
  echo "nginx: present ($(/usr/sbin/nginx -v 2>&1 | head -n1)), brotli_static module: present"
  echo "java: present ($(java -version 2>&1 | head -n1))"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing Node.js and npm"
  apt_install nodejs npm
fi
browser_dir="$repo/tests/browser"
if [ ! -f "$browser_dir/node_modules/.package-lock.json" ] ||
  [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules/.package-lock.json" ]; then
  echo "npm ci in tests/browser"
  (cd "$browser_dir" && npm ci --no-audit --no-fund)
else
  echo "tests/browser/node_modules: up to date"
fi

step "[2/4] cargo test --release --all-targets"
cargo test --release --all-targets

tmp=$(mktemp -d "${TMPDIR:-/tmp}/baucu-test.XXXXXX")
# nginx's workers (another user when the tests run as root) read the built portals.
chmod 755 "$tmp"
cleanup() {
  rm -rf "${country:-}"
  if [ -n "${BAUCU_KEEP:-}" ]; then
    echo "kept the built portals in $tmp/public"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# The national portal of a generated country (34 provinces, 302,546 pages): the
# fixture is written and built without copies on tmpfs when there is one (3 GB,
# about a minute), then tests/national.rs checks every unit, candidate and figure.
country=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/baucu-country.XXXXXX")
step "[2b/4] the national portal of a generated country, in $country"
cargo run --release --example fixture -- --preset national "$country"
cargo run --release -- build --root "$country" --no-precompress
BAUCU_NATIONAL_FIXTURE="$country" cargo test --release --test national -- --ignored
rm -rf "$country"

step "[3/4] build the sample portals into $tmp/public"
cargo run --release -- build --out "$tmp/public"

step "[4/4] browser tests (axe-core WCAG 2.1 A/AA, lang, h1, skip link; nginx, Lighthouse, vnu) on $tmp/public; baucu serve"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/baucu"
browser_tests=()
for f in tests/browser/*.test.mjs; do
  [ "$f" = tests/browser/judges.test.mjs ] || browser_tests+=("$f")
done
BAUCU_OUT="$tmp/public" BAUCU_BIN="$bin" node --test "${browser_tests[@]}"
# Lighthouse measures performance: alone, not beside the other browser tests' Chromiums.
BAUCU_OUT="$tmp/public" BAUCU_BIN="$bin" node --test tests/browser/judges.test.mjs

step "all tests passed"
