#!/usr/bin/env bash
# Average HTML bytes per page of a built portal, per page kind and overall, and
# the brotli sizes (quality 6, a fixed yardstick across builds: the build itself
# writes a .br only from 16 KiB on, a .gz below) of the home page and of
# one candidate page (budgets of tests/weight.rs, page and its CSS and JS together:
# home ≤ 30 KB, candidate page ≤ 15 KB).
#
#   scripts/html-bytes.sh [OUT]      # OUT: a `baucu build --no-precompress --out` directory
#
# Without OUT it generates a one-province fixture on /dev/shm and builds it:
#   target/release/examples/fixture --preset small --province ha-noi /dev/shm/html-bytes-fx
#   target/release/baucu build --root /dev/shm/html-bytes-fx --no-precompress --out /dev/shm/html-bytes-out
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

out=${1:-}
if [ -z "$out" ]; then
  fx=/dev/shm/html-bytes-fx
  out=/dev/shm/html-bytes-out
  [ -x target/release/examples/fixture ] || cargo build --release --example fixture
  [ -x target/release/baucu ] || cargo build --release
  rm -rf "$fx" "$out"
  target/release/examples/fixture --preset small --province ha-noi "$fx" >/dev/null
  target/release/baucu build --root "$fx" --no-precompress --out "$out" >/dev/null
fi

# Page kind: the section (first path segment after the province and language),
# English and Vietnamese names merged; candidate and unit pages told apart from
# their indexes.
find "$out" -name '*.html' -printf '%P %s\n' | awk '
BEGIN {
  alias["candidates"] = "ung-cu-vien"; alias["units"] = "don-vi-bau-cu"; alias["news"] = "tin-tuc"
  alias["lookup"] = "tra-cuu"; alias["search"] = "tim-kiem"; alias["statistics"] = "thong-ke"
  alias["results"] = "ket-qua"; alias["documents"] = "van-ban"; alias["timeline"] = "lich-trinh"
  alias["faq"] = "hoi-dap"
}
{
  path = $1; size = $2
  n = split(path, seg, "/")
  i = 1
  pre = ""
  if (seg[i] == "_national") { pre = "national "; i++ } else i++
  if (seg[i] == "en") i++
  s = (seg[i] in alias) ? alias[seg[i]] : seg[i]
  if (i == n) kind = "home (" seg[i] ")"
  else if (s == "ung-cu-vien") kind = (n - i == 2 && seg[i+1] != "trang") ? "candidate" : "candidate index"
  else if (s == "don-vi-bau-cu") kind = (n - i >= 3) ? "unit" : "units index"
  else if (s == "tin-tuc") kind = (n - i == 2 && seg[i+1] != "trang") ? "news item" : "news list"
  else kind = s
  kind = pre kind
  c[kind]++; b[kind] += size; tc++; tb += size
}
END {
  printf "%-28s %8s %10s %8s\n", "kind", "pages", "bytes", "avg"
  for (k in c) printf "%-28s %8d %10d %8.0f\n", k, c[k], b[k], b[k] / c[k] | "sort -k2,2nr"
  close("sort -k2,2nr")
  printf "%-28s %8d %10d %8.0f\n", "ALL", tc, tb, tb / tc
}'

br() { node -e 'const z=require("zlib");process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:6}}).length))' "$1"; }
home= cand=
for f in "$out"/*/index.html; do [ "${f#"$out"/}" = _national/index.html ] || { home=$f; break; }; done
for f in "$out"/*/ung-cu-vien/*/index.html; do cand=$f; break; done
if command -v node >/dev/null; then
  printf 'brotli home      %6d B  (%s)\n' "$(br "$home")" "${home#"$out"/}"
  [ -n "$cand" ] && printf 'brotli candidate %6d B  (%s)\n' "$(br "$cand")" "${cand#"$out"/}"
fi
