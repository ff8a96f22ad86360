#!/bin/sh
# dom0-tests: runs the named tests of the typed API's dom0 suite, each by
# its exact name, one at a time, and fails unless every one ran and
# passed (a name that matches nothing would otherwise pass with 0 tests).
#
#   dom0-tests TEST...
set -u
if [ $# -eq 0 ]; then
    echo "usage: dom0-tests TEST..." >&2
    exit 2
fi
out=$(/bin/hcbuf-core-dom0-tests --exact --test-threads=1 --nocapture "$@" 2>&1)
rc=$?
echo "$out"
want="test result: ok. $# passed"
if [ $rc -ne 0 ] || ! echo "$out" | grep -q "^$want;"; then
    echo "dom0-tests: wanted \"$want\" for: $*"
    exit 1
fi
