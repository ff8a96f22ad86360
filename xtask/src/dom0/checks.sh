# The dom0 checks, one `check NAME COMMAND...` line each, run in order by
# /init (init.sh) after the Xen modules are loaded. A line's words are
# expanded by /init's shell when the check runs (sysfs is there then).
# @RELEASE@ is the release booted. Adding a check: ARCHITECTURE.md.

# privcmd and xenfs, as a toolstack finds them.
check xenfs sh -c 'mkdir -p /proc/xen && mount -t xenfs xenfs /proc/xen && cat /proc/xen/capabilities'
check privcmd-device sh -c 'i=0; while ! test -c /dev/xen/privcmd && test $i -lt 100; do sleep 0.1; i=$((i + 1)); done; ls -l /dev/xen; test -c /dev/xen/privcmd'

# The examples run at all, text and JSON.
check xen-info /bin/xen-info --backend privcmd
check xen-list /bin/xen-list --backend privcmd
check xen-dmesg /bin/xen-dmesg --backend privcmd
check xen-info-json /bin/xen-info --json --backend privcmd

# The version xen-info reports is what Linux shows in sysfs, and the
# release booted is the one this run is for (a wrong package or a stale
# cache would otherwise pass every check that only compares the two).
check xen-info-matches-sysfs sh -c 'v=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra); echo "sysfs: $v"; /bin/xen-info --backend privcmd | grep "^xen_version *: $v$"'
check xen-info-is-release sh -c 'got=$(/bin/xen-info --backend privcmd | sed -n "s/^xen_major *: //p").$(/bin/xen-info --backend privcmd | sed -n "s/^xen_minor *: //p"); sys=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor); echo "xen-info [$got] sysfs [$sys] booted [@RELEASE@]"; test "$got" = @RELEASE@ && test "$sys" = @RELEASE@'

# Each field xen-info prints, text and JSON (strings quoted), against what
# Linux shows (sysfs prints the page size in hex). `nr_cpus` is the host's
# CPUs: `-smp 2`, which dom0 (`dom0_max_vcpus=2`) sees as its processors.
check xen-info-text-xen_major /bin/xen-info-field text xen_major "$(cat /sys/hypervisor/version/major)"
check xen-info-json-xen_major /bin/xen-info-field json xen_major "$(cat /sys/hypervisor/version/major)"
check xen-info-text-xen_minor /bin/xen-info-field text xen_minor "$(cat /sys/hypervisor/version/minor)"
check xen-info-json-xen_minor /bin/xen-info-field json xen_minor "$(cat /sys/hypervisor/version/minor)"
check xen-info-text-xen_extra /bin/xen-info-field text xen_extra "$(cat /sys/hypervisor/version/extra)"
check xen-info-json-xen_extra /bin/xen-info-field json xen_extra "\"$(cat /sys/hypervisor/version/extra)\""
check xen-info-text-xen_pagesize /bin/xen-info-field text xen_pagesize "$((0x$(cat /sys/hypervisor/properties/pagesize)))"
check xen-info-json-xen_pagesize /bin/xen-info-field json xen_pagesize "$((0x$(cat /sys/hypervisor/properties/pagesize)))"
check xen-info-text-xen_caps /bin/xen-info-field text xen_caps "$(cat /sys/hypervisor/properties/capabilities)"
check xen-info-json-xen_caps /bin/xen-info-field json xen_caps "\"$(cat /sys/hypervisor/properties/capabilities)\""
check xen-info-text-nr_cpus /bin/xen-info-field text nr_cpus "$(grep -c ^processor /proc/cpuinfo)"
check xen-info-json-nr_cpus /bin/xen-info-field json nr_cpus "$(grep -c ^processor /proc/cpuinfo)"

# xen-list: a row for dom0 with its vCPUs (as many as Linux sees) and
# about its 1024 MiB (`dom0_mem=1024M`).
check xen-list-dom0-row sh -c '/bin/xen-list --backend privcmd | awk -v n=$(grep -c ^processor /proc/cpuinfo) "\$1 == 0 && \$3 == n && \$2 >= 922 && \$2 <= 1126 { ok = 1; print } END { exit !ok }"'

# xen-dmesg reads the live ring: with `console_to_ring`, a line just
# written to dom0's console (hvc0, i.e. Xen's console) is in it. (Xen's
# "Xen version" banner is not: dom0's boot messages push it out of the
# ring long before /init runs.) The marker is built at run time, so this
# command line, echoed into the ring too, cannot match it.
check xen-dmesg-has-console-line sh -c 'm="hcbuf-ring-$$-$(cut -d" " -f1 /proc/uptime)"; echo "DOM0RING $m" > /dev/console; i=0; until /bin/xen-dmesg --backend privcmd | grep -qF "DOM0RING $m"; do test $i -lt 20 || exit 1; sleep 0.1; i=$((i + 1)); done; echo "found $m after $i retries"'

# The placement examples, in xl's layouts. dom0 has a row per vCPU (as
# many as Linux's processors), free to run anywhere; pinning its vCPU 1 to
# CPU 1 (`xl vcpu-pin 0 1 1`) shows in the list, with the vCPU on CPU 1,
# and `all` undoes it. Pool-0 is the only pool: both CPUs, credit2, dom0.
# dom0's credit2 weight is the default, set and restored through the
# example; the JSON agrees with the text.
check xen-vcpu-list-dom0 sh -c '/bin/xen-vcpu-list --backend privcmd | tee /tmp/vcpus; test "$(sed -n 1p /tmp/vcpus)" = "Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)" && test "$(grep -Ec "^Domain-0 +0 +[0-9]+ +[0-9]+ +[-r][-b]- +[0-9]+\.[0-9]  all / all$" /tmp/vcpus)" = "$(grep -c ^processor /proc/cpuinfo)"'
check xen-vcpu-pin-dom0 sh -c 'set -e; /bin/xen-vcpu-pin --backend privcmd 0 1 1; /bin/xen-vcpu-list --backend privcmd 0 | tee /tmp/pinned; grep -Eq "^Domain-0 +0 +1 +[0-9]+ .*  1 / all$" /tmp/pinned; /bin/xen-vcpu-pin --backend privcmd 0 all all all; /bin/xen-vcpu-list --backend privcmd 0 | grep -Ec "^Domain-0 +0 +[0-9]+ .* all / all$" | grep -qx "$(grep -c ^processor /proc/cpuinfo)"'
check xen-vcpu-pin-refuses-no-cpu sh -c '! /bin/xen-vcpu-pin --backend privcmd 0 0 7 2>/tmp/err; cat /tmp/err; grep -q "domctl setvcpuaffinity: EINVAL" /tmp/err'
check xen-cpupool-list-pool-0 sh -c '/bin/xen-cpupool-list --backend privcmd | tee /tmp/pools; test "$(sed -n 1p /tmp/pools)" = "Name               CPUs   Sched     Active   Domain count" && test "$(sed -n 2p /tmp/pools)" = "Pool-0               2   credit2       y          1" && test $(wc -l < /tmp/pools) = 2'
check xen-cpupool-list-cpus sh -c '/bin/xen-cpupool-list --backend privcmd -c | tee /tmp/pools; test "$(sed -n 2p /tmp/pools)" = "Pool-0             0,1"'
check xen-cpupool-list-json sh -c '/bin/xen-cpupool-list --backend privcmd --json | tr -d " \n" | tee /dev/stderr | grep -q "\"name\":\"Pool-0\",\"id\":0,\"cpus\":\[0,1\],\"sched\":\"credit2\",\"n_dom\":1"'
check xen-sched-credit2-list sh -c '/bin/xen-sched-credit2 --backend privcmd | tee /tmp/c2; test "$(sed -n 1p /tmp/c2)" = "Cpupool Pool-0: ratelimit=1000us" && test "$(sed -n 2p /tmp/c2)" = "Name                                ID Weight  Cap" && test "$(sed -n 3p /tmp/c2)" = "Domain-0                             0    256    0"'
check xen-sched-credit2-set sh -c 'set -e; /bin/xen-sched-credit2 --backend privcmd -d 0 -w 512; /bin/xen-sched-credit2 --backend privcmd -d 0 | tee /tmp/c2; /bin/xen-sched-credit2 --backend privcmd -d 0 -w 256; grep -q "^Domain-0 *0 *512 *0$" /tmp/c2; /bin/xen-sched-credit2 --backend privcmd -d 0 --json | tr -d " \n" | grep -q "\"weight\":256,\"cap\":0"'

# hcbuf-core's privcmd test, by whole name (a filter that matched nothing
# would pass), then the typed API's dom0 suite, one test at a time (the
# domain lifecycle tests create and destroy domains).
check hcbuf-core-privcmd-tests /bin/hcbuf-core-tests --exact backend::privcmd::tests::in_dom0_real_hypercalls
check dom0-api /bin/hcbuf-core-dom0-tests --test-threads=1 --nocapture --skip event_channels_between_two_created_domains --skip grant_tables_of_a_created_domain

# Event channels and grant tables between domains the tests create, by
# name, each with both pools; a check fails unless exactly those two
# tests ran and passed.
check dom0-evtchn sh -c 'out=$(/bin/hcbuf-core-dom0-tests --exact --test-threads=1 --nocapture event_channels_between_two_created_domains::device_pool event_channels_between_two_created_domains::locked_anonymous_pool 2>&1); rc=$?; echo "$out"; test $rc = 0 && echo "$out" | grep -q "test result: ok. 2 passed"'
check dom0-gnttab sh -c 'out=$(/bin/hcbuf-core-dom0-tests --exact --test-threads=1 --nocapture grant_tables_of_a_created_domain::device_pool grant_tables_of_a_created_domain::locked_anonymous_pool 2>&1); rc=$?; echo "$out"; test $rc = 0 && echo "$out" | grep -q "test result: ok. 2 passed"'

# Last: hcbuf against the floor and libxencall, row for row, in
# interleaved rounds in this same boot. One check, failing only if a call
# fails; `cargo xtask dom0` prints the table from the samples.
check bench /bin/bench-rounds
