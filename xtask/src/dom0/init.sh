#!/bin/sh
# /init of the hcbuf dom0 test initramfs, written by `cargo xtask dom0`
# from xtask/src/dom0/init.sh and checks.sh (see ARCHITECTURE.md, "Adding
# a dom0 check"). The upper-case words between at-signs are filled in:
# the serial protocol's words (xtask/src/dom0/protocol.rs), the release.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp
echo "@INFO@ kernel $(uname -r), clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource), uptime $(cut -d' ' -f1 /proc/uptime)s"
# The release `cargo xtask dom0` booted: the dom0 API tests check they run
# on it.
export HCBUF_DOM0_XEN=@RELEASE@
passed=0
failed=0
# check NAME COMMAND...: runs COMMAND (at most 120 s) as the check NAME.
check() {
    name=$1
    shift
    echo "@RUN@ $name: $*"
    if timeout 120 "$@"; then
        echo "@CHECK@ $name PASS"
        passed=$((passed + 1))
    else
        echo "@CHECK@ $name FAIL (exit $?)"
        failed=$((failed + 1))
    fi
}
@CHECKS@
echo "@SUMMARY@ $passed passed, $failed failed"
# QEMU exits with (failed << 1) | 1 through isa-debug-exit; poweroff if not.
/bin/qemu-exit $failed
poweroff -f
sleep 10
