#!/usr/bin/env bash
# Benchmark of `baucu serve`: the time from saving a news file to the changed page
# being served with the new content (issue 6: under 200 ms on the sample content,
# under 1 s on a province of the national fixture).
#
#   scripts/bench-serve.sh [sample] [national] [--province ID] [--runs N]
#
# sample (the default): a copy of the repository's sample project.
# national: one province (--province ID, default the first) of the `national` fixture,
#   generated once into target/bench-fixtures/national/ (scripts/bench.sh keeps its own on tmpfs)
#   (regenerated only when the generator or the division data changed). The province,
#   content/_shared/ and baucu.yaml are copied, so the fixture itself is never edited.
#   Its first build (before the measurements) takes a while.
# --runs N: edits per project (default 20).
#
# Each project is served by the release binary (`baucu serve --port 0`); one news
# item's title is rewritten N times; after each save, the live-reload event naming the
# page is awaited (as an open page does) and the page fetched until it shows the new
# title. Prints min/median/max in milliseconds (scripts/bench-serve.mjs measures).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

targets=()
runs=20
province=""
while [ $# -gt 0 ]; do
    case "$1" in
        sample|national) targets+=("$1") ;;
        --runs) runs=$2; shift ;;
        --province) province=$2; shift ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ ${#targets[@]} -eq 0 ] && targets=(sample)

command -v node >/dev/null || { echo "bench-serve needs Node.js (apt-get install nodejs)" >&2; exit 2; }

FIXTURES=$ROOT/target/bench-fixtures
WORK=$ROOT/target/bench-out/serve
mkdir -p "$FIXTURES" "$WORK"

echo "building baucu (release)…" >&2
cargo build --release --quiet --bin baucu
BAUCU=$ROOT/target/release/baucu

# The same fixture and stamp as scripts/bench.sh: a fixture made by either is reused.
ensure_fixture() {
    local preset=$1 dir=$FIXTURES/$1 stamp
    stamp=$(cat examples/fixture/*.rs data/vn-divisions-2025.json | sha256sum | cut -c1-16)
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
        return
    fi
    echo "generating the $preset fixture into $dir…" >&2
    cargo build --release --quiet --example fixture
    rm -rf "$dir"
    "$ROOT/target/release/examples/fixture" --preset "$preset" "$dir" >&2
    echo "$stamp" >"$dir/.stamp"
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for target in "${targets[@]}"; do
    project=$WORK/$target
    rm -rf "$project"
    mkdir -p "$project/content"
    case "$target" in
        sample)
            cp baucu.yaml "$project/"
            cp -r content/. "$project/content/"
            cp -r themes "$project/"
            node scripts/bench-serve.mjs --bin "$BAUCU" --root "$project" --province "${province:-quang-ninh}" \
                --runs "$runs" --label "sample"
            ;;
        national)
            ensure_fixture national
            fixture=$FIXTURES/national
            id=${province:-$(find "$fixture/content" -mindepth 1 -maxdepth 1 -type d ! -name '_*' -printf '%f\n' | sort | head -n 1)}
            cp "$fixture/baucu.yaml" "$project/"
            [ -d "$fixture/themes" ] && cp -r "$fixture/themes" "$project/"
            [ -d "$fixture/content/_shared" ] && cp -r "$fixture/content/_shared" "$project/content/"
            cp -r "$fixture/content/$id" "$project/content/"
            node scripts/bench-serve.mjs --bin "$BAUCU" --root "$project" --province "$id" \
                --runs "$runs" --label "national fixture"
            ;;
    esac
done
