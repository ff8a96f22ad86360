#!/bin/sh
# xl-compare: an example's output against xl's, field by field, in the same
# dom0 (written into it by `cargo xtask dom0` as /bin/xl-compare; see
# ARCHITECTURE.md, "Adding a dom0 check"). It prints how many fields it
# compared and each mismatch, and fails on any mismatch or if it compared
# nothing.
#
#   xl-compare fields 'XL CMD' 'OUR CMD' [RULE...]
#       `key : value` lines, the key padded to 23 columns (xl info).
#       Every key both print is compared;
#       the keys only one prints are listed. A `key :` line with no value
#       opens a section (xl info -n's cpu_topology, numa_info): its lines
#       up to the next `key : value` line are rows, the first its header,
#       the others keyed by their first word and compared word by word.
#   xl-compare table 'XL CMD' 'OUR CMD' KEY... [RULE...]
#       A header line and rows (xl list, xl vcpu-list): the header word by
#       word, then each row, found by its KEY words (1-based word numbers),
#       word by word; both must list the same rows.
#   xl-compare lines 'XL CMD' 'OUR CMD'
#       A log that only grows at its end and loses its beginning (xl
#       dmesg): xl's lines from its second on (the first may be cut) must
#       be our first lines, in order (at most the first one cut again).
#   xl-compare debug-keys 'XL CMD' 'OUR CMD'
#       Each command injects the same debug keys; the lines of Xen's own
#       (`(XEN)`) that its console ring gains (read with `xl dmesg -c`)
#       must be the same.
#
# A RULE lets a value that changes between the two runs differ, each with
# its own reason, so that everything else is compared exactly:
#   WORD=range   ours lies between xl's before and xl's after (xl runs
#                again after ours): for a value that only grows or only
#                shrinks while the check runs, such as CPU time or free
#                memory (Xen scrubs and frees pages in the background).
#   WORD=abs:N   ours is within N of xl's (before).
#   WORD=either  ours is what xl said before or after: for a value that
#                may change while the check runs but has no order, such
#                as the CPU a vCPU runs on, or its state letters.
#   WORD=any     not compared (counted apart): only for a value that can
#                change more than once while the check runs; say why on
#                the check's line.
# WORD is a key (`fields`), a word number (`table`), or SECTION.N for word
# N of a section's rows (`fields`: `numa_info.3`).
set -u
export PATH=/bin

mode=${1:-}
if [ $# -lt 3 ]; then
    echo "usage: xl-compare fields|table|lines|debug-keys 'XL CMD' 'OUR CMD' [KEY...] [RULE...]" >&2
    exit 2
fi
xl_cmd=$2
our_cmd=$3
shift 3
tmp=/tmp/xl-compare.$$
started=$(cut -d' ' -f1 /proc/uptime)
trap 'rm -f $tmp.*' EXIT

# run NAME CMD: CMD's output into $tmp.NAME; its stderr shown.
run() {
    if ! sh -c "$2" >"$tmp.$1"; then
        echo "xl-compare: \`$2\` failed"
        cat "$tmp.$1"
        exit 1
    fi
}

case $mode in
fields | table)
    run xl "$xl_cmd"
    run ours "$our_cmd"
    run again "$xl_cmd"
    ;;
lines)
    run xl "$xl_cmd"
    run ours "$our_cmd"
    : >"$tmp.again"
    ;;
debug-keys)
    xl dmesg -c >/dev/null || exit 1
    # Xen's own lines only: dom0's kernel writes into the same ring, and
    # a kernel message in either window is not the keys' output.
    run keys "$xl_cmd"
    run xl "xl dmesg -c | grep '^(XEN)'"
    run keys "$our_cmd"
    run ours "xl dmesg -c | grep '^(XEN)'"
    : >"$tmp.again"
    ;;
*)
    echo "xl-compare: unknown mode $mode" >&2
    exit 2
    ;;
esac

awk -v mode="$mode" -v args="$*" -v started="$started" -v now="$(cut -d' ' -f1 /proc/uptime)" -v xl_cmd="$xl_cmd" -v our_cmd="$our_cmd" '
# Splits args into the key words (`table`) and the rules.
BEGIN {
    n = split(args, a, " ")
    nkeys = 0
    for (i = 1; i <= n; i++) {
        if (a[i] ~ /=/) {
            eq = index(a[i], "=")
            rule[substr(a[i], 1, eq - 1)] = substr(a[i], eq + 1)
        } else {
            keys[++nkeys] = a[i]
        }
    }
    compared = 0
    skipped = 0
    bad = 0
}
FILENAME ~ /\.xl$/ { src = 1 }
FILENAME ~ /\.ours$/ { src = 2 }
FILENAME ~ /\.again$/ { src = 3 }
{ text[src, ++count[src]] = $0 }

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }

# One value of word or field NAME: xl said X (and Y when run again), we
# said O.
function value(name, x, o, y,    r, lo, hi, lim, d) {
    r = (name in rule) ? rule[name] : ""
    if (r == "any") {
        skipped++
        return
    }
    compared++
    if (x == o)
        return
    if (r == "either" && y != "" && o == y)
        return
    if (r == "range" && x ~ /^-?[0-9.]+$/ && o ~ /^-?[0-9.]+$/ && y ~ /^-?[0-9.]+$/) {
        lo = x + 0; hi = y + 0
        if (lo > hi) { lo = y + 0; hi = x + 0 }
        if (o + 0 >= lo && o + 0 <= hi)
            return
    }
    if (r ~ /^abs:/ && x ~ /^-?[0-9.]+$/ && o ~ /^-?[0-9.]+$/) {
        lim = substr(r, 5) + 0
        d = o - x
        if (d < 0) d = -d
        if (d <= lim)
            return
    }
    printf "MISMATCH %s: xl [%s] ours [%s]%s%s\n", name, x, o, \
        (y != "" && y != x ? " (xl again [" y "])" : ""), (r != "" ? " (rule " r ")" : "")
    bad++
}

# Word by word: row ROW of xl (and again) against ours, named PREFIX.N.
function words(prefix, x, o, y,    nx, no, ny, wx, wo, wy, i) {
    nx = split(x, wx, " "); no = split(o, wo, " "); ny = split(y, wy, " ")
    if (nx != no) {
        printf "MISMATCH %s: xl has %d words [%s], ours %d [%s]\n", prefix, nx, x, no, o
        bad++; compared++
        return
    }
    for (i = 1; i <= nx; i++)
        value(prefix (prefix == "" ? "" : ".") i, wx[i], wo[i], (ny == nx ? wy[i] : ""))
}

# `fields`: the lines of source S as fields f[S, key] and section rows.
function parse_fields(s,    i, line, key, val, sec, colon) {
    sec = ""
    for (i = 1; i <= count[s]; i++) {
        line = text[s, i]
        # xl pads a key to 23 columns: a section own header (`cpu:
        # core ...`) is not one.
        if (line ~ /^[A-Za-z]/ && substr(line, 24, 1) == ":") {
            colon = 24
            key = trim(substr(line, 1, colon - 1))
            val = trim(substr(line, colon + 1))
            if (val == "" && !((s, key) in f)) {
                sec = key
                nrow[s, sec] = 0
                seen[s, key] = 1
                if (s == 1) order[++norder] = key
                continue
            }
            sec = ""
            f[s, key] = val
            seen[s, key] = 1
            if (s == 1) order[++norder] = key
        } else if (sec != "") {
            if (++nrow[s, sec] == 1) {
                head[s, sec] = line
            } else {
                split(line, w, " ")
                row[s, sec, w[1]] = line
                rowkey[s, sec, nrow[s, sec]] = w[1]
            }
        }
    }
}

function do_fields(    i, key, only_xl, only_ours, j, k, r) {
    parse_fields(1); parse_fields(2); parse_fields(3)
    only_xl = ""; only_ours = ""
    for (i = 1; i <= norder; i++) {
        key = order[i]
        if (!((2, key) in seen)) { only_xl = only_xl " " key; continue }
        if ((1, key) in f) {
            value(key, f[1, key], f[2, key], f[3, key])
            continue
        }
        # A section: its header, then every row of either.
        words(key ".header", head[1, key], head[2, key], head[3, key])
        if (nrow[1, key] != nrow[2, key]) {
            printf "MISMATCH %s: xl has %d rows, ours %d\n", key, nrow[1, key] - 1, nrow[2, key] - 1
            bad++
        }
        for (j = 2; j <= nrow[1, key]; j++) {
            k = rowkey[1, key, j]
            if (!((2, key, k) in row)) {
                printf "MISMATCH %s: row %s only in xl\n", key, k
                bad++
                continue
            }
            r = ((3, key, k) in row) ? row[3, key, k] : ""
            words(key, row[1, key, k], row[2, key, k], r)
        }
    }
    for (k in seen) {
        split(k, parts, SUBSEP)
        if (parts[1] == 2 && !((1, parts[2]) in seen))
            only_ours = only_ours " " parts[2]
    }
    if (only_xl != "") print "only xl prints:" only_xl
    if (only_ours != "") { print "MISMATCH only ours prints:" only_ours; bad++ }
}

# `table`: the row of source S whose KEY words are K.
function row_key(line,    w, i, k) {
    split(line, w, " ")
    k = ""
    for (i = 1; i <= nkeys; i++)
        k = k (i > 1 ? " " : "") w[keys[i]]
    return k
}

function do_table(    s, i, k, r, n) {
    if (nkeys == 0) { print "xl-compare table: no KEY word given"; bad++; return }
    # The header exactly (no rule applies to it).
    words("header", text[1, 1], text[2, 1], text[3, 1])
    for (s = 1; s <= 3; s++)
        for (i = 2; i <= count[s]; i++) {
            k = row_key(text[s, i])
            if ((s, k) in trow) { printf "MISMATCH row key [%s] repeats\n", k; bad++ }
            trow[s, k] = text[s, i]
        }
    n = 0
    for (i = 2; i <= count[1]; i++) {
        k = row_key(text[1, i])
        if (!((2, k) in trow)) { printf "MISMATCH row [%s] only in xl\n", k; bad++; continue }
        r = ((3, k) in trow) ? trow[3, k] : ""
        words("", text[1, i], trow[2, k], r)
        n++
    }
    for (i = 2; i <= count[2]; i++) {
        k = row_key(text[2, i])
        if (!((1, k) in trow)) { printf "MISMATCH row [%s] only in ours\n", k; bad++ }
    }
    printf "%d rows\n", n
}

# `lines`: xl`s lines from its second on are our first lines (ours may
# start one line later, cut).
function do_lines(    n, m, k, s, i, ok, best) {
    n = count[1]; m = count[2]
    best = 0
    for (k = 2; k <= n && !best; k++)
        for (s = 1; s <= 2 && !best; s++) {
            ok = (n - k + 1 <= m - s + 1)
            for (i = 0; ok && k + i <= n; i++)
                if (text[1, k + i] != text[2, s + i]) ok = 0
            if (ok) best = n - k + 1
        }
    compared = best
    if (best < n / 2) {
        printf "MISMATCH: only %d of xl`s %d lines are at the start of ours (%d lines)\n", best, n, m
        bad++
    }
}

# `debug-keys`: the same lines.
function do_same_lines(    i) {
    if (count[1] != count[2]) {
        printf "MISMATCH: xl`s keys added %d lines, ours %d\n", count[1], count[2]
        bad++
    }
    for (i = 1; i <= count[1] && i <= count[2]; i++) {
        compared++
        if (text[1, i] != text[2, i]) {
            printf "MISMATCH line %d: xl [%s] ours [%s]\n", i, text[1, i], text[2, i]
            bad++
        }
    }
}

END {
    if (mode == "fields") do_fields()
    else if (mode == "table") do_table()
    else if (mode == "lines") do_lines()
    else do_same_lines()
    printf "xl-compare %s: %d fields compared, %d mismatched%s (`%s` against `%s`, %.1f s)\n", \
        mode, compared, bad, (skipped ? ", " skipped " not compared (rule any)" : ""), \
        our_cmd, xl_cmd, now - started
    exit (bad > 0 || compared == 0)
}
' "$tmp.xl" "$tmp.ours" "$tmp.again"
