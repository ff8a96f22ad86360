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

# xen-list: a row for dom0 (no name before xenstored runs: `(null)`, as
# xl prints it) with its vCPUs (as many as Linux sees) and about its 1024
# MiB (`dom0_mem=1024M`).
check xen-list-dom0-row sh -c '/bin/xen-list --backend privcmd | awk -v n=$(grep -c ^processor /proc/cpuinfo) "\$2 == 0 && \$4 == n && \$3 >= 922 && \$3 <= 1126 { ok = 1; print } END { exit !ok }"'

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
# example; the JSON agrees with the text. An empty hard map is Xen's EINVAL;
# a CPU past the host's is the example's error, before Xen.
check xen-vcpu-list-dom0 sh -c '/bin/xen-vcpu-list --backend privcmd | tee /tmp/vcpus; test "$(sed -n 1p /tmp/vcpus)" = "Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)" && test "$(grep -Ec "^Domain-0 +0 +[0-9]+ +[0-9]+ +[-r][-b]- +[0-9]+\.[0-9]  all / all$" /tmp/vcpus)" = "$(grep -c ^processor /proc/cpuinfo)"'
check xen-vcpu-pin-dom0 sh -c 'set -e; /bin/xen-vcpu-pin --backend privcmd 0 1 1; /bin/xen-vcpu-list --backend privcmd 0 | tee /tmp/pinned; grep -Eq "^Domain-0 +0 +1 +[0-9]+ .*  1 / all$" /tmp/pinned; /bin/xen-vcpu-pin --backend privcmd 0 all all all; /bin/xen-vcpu-list --backend privcmd 0 | grep -Ec "^Domain-0 +0 +[0-9]+ .* all / all$" | grep -qx "$(grep -c ^processor /proc/cpuinfo)"'
check xen-vcpu-pin-refuses-no-cpu sh -c '! /bin/xen-vcpu-pin --backend privcmd 0 0 "0,^0" 2>/tmp/err && cat /tmp/err && grep -q "domctl setvcpuaffinity: EINVAL" /tmp/err && ! /bin/xen-vcpu-pin --backend privcmd 0 0 0-65536 2>/tmp/err && cat /tmp/err && grep -q "CPU 65536 is past this host" /tmp/err'
check xen-cpupool-list-pool-0 sh -c '/bin/xen-cpupool-list --backend privcmd | tee /tmp/pools; test "$(sed -n 1p /tmp/pools)" = "Name               CPUs   Sched     Active   Domain count" && test "$(sed -n 2p /tmp/pools)" = "Pool-0               2   credit2       y          1" && test $(wc -l < /tmp/pools) = 2'
check xen-cpupool-list-cpus sh -c '/bin/xen-cpupool-list --backend privcmd -c | tee /tmp/pools; test "$(sed -n 2p /tmp/pools)" = "Pool-0             0,1"'
check xen-cpupool-list-json sh -c '/bin/xen-cpupool-list --backend privcmd --json | tr -d " \n" | tee /dev/stderr | grep -q "\"name\":\"Pool-0\",\"id\":0,\"cpus\":\[0,1\],\"sched\":\"credit2\",\"n_dom\":1"'
check xen-sched-credit2-list sh -c '/bin/xen-sched-credit2 --backend privcmd | tee /tmp/c2; test "$(sed -n 1p /tmp/c2)" = "Cpupool Pool-0: ratelimit=1000us" && test "$(sed -n 2p /tmp/c2)" = "Name                                ID Weight  Cap" && test "$(sed -n 3p /tmp/c2)" = "Domain-0                             0    256    0"'
check xen-sched-credit2-set sh -c 'set -e; /bin/xen-sched-credit2 --backend privcmd -d 0 -w 512; /bin/xen-sched-credit2 --backend privcmd -d 0 | tee /tmp/c2; /bin/xen-sched-credit2 --backend privcmd -d 0 -w 256; grep -q "^Domain-0 *0 *512 *0$" /tmp/c2; /bin/xen-sched-credit2 --backend privcmd -d 0 --json | tr -d " \n" | grep -q "\"weight\":256,\"cap\":0"'

# Xen's own toolstack beside ours: the C xenstored and dom0's entry in
# xenstore (xen-init-dom0), as a Debian dom0 starts them; then each
# example against its xl command, field by field (xl-compare.sh says how,
# and prints how many fields it compared). One line adds a comparison.
check xenstored sh -c 't0=$(cut -d" " -f1 /proc/uptime); mkdir -p /dev/shm /var/run/xenstored /var/lib/xenstored /var/lib/xen/xenstore && /bin/xenstored --pid-file /var/run/xenstored.pid && /bin/xen-init-dom0 && test "$(/bin/xenstore-read /local/domain/0/name)" = Domain-0 && echo "xenstored and dom0 up in $(awk -v a=$t0 -v b=$(cut -d" " -f1 /proc/uptime) "BEGIN { print b - a }") s"'
check xl-info /bin/xl-compare fields 'xl info' '/bin/xen-info --backend privcmd' free_memory=range
check xl-info-n /bin/xl-compare fields 'xl info -n' '/bin/xen-info -n --backend privcmd' free_memory=range numa_info.3=range
check xl-list /bin/xl-compare table 'xl list' '/bin/xen-list --backend privcmd' 2 6=range
check xl-list-dom0 /bin/xl-compare table 'xl list 0' '/bin/xen-list --backend privcmd 0' 2 6=range
check xl-dmesg /bin/xl-compare lines 'xl dmesg' '/bin/xen-dmesg --backend privcmd'
check xl-debug-keys /bin/xl-compare debug-keys 'xl debug-keys h' '/bin/xen-debug-keys --backend privcmd h'
# The placement examples against xl: vCPUs, a pin made by one tool as the
# other shows it (then undone), the cpupools and credit2. A dom0 vCPU's
# CPU and state letters change many times a second (it runs, blocks, and
# moves between the two CPUs while the tools run, more often on a loaded
# host), so those two columns are not compared (`any`); its id, time and
# hard / soft affinity are.
check xl-vcpu-list /bin/xl-compare table 'xl vcpu-list' '/bin/xen-vcpu-list --backend privcmd' 2 3 4=any 5=any 6=range
check xl-vcpu-pin-ours sh -c '/bin/xen-vcpu-pin --backend privcmd 0 1 1 || exit 1; /bin/xl-compare table "xl vcpu-list 0" "/bin/xen-vcpu-list --backend privcmd 0" 2 3 4=any 5=any 6=range; rc=$?; /bin/xen-vcpu-pin --backend privcmd 0 1 all; exit $rc'
check xl-vcpu-pin-xls sh -c '/bin/xl vcpu-pin 0 0 0 || exit 1; /bin/xl-compare table "xl vcpu-list 0" "/bin/xen-vcpu-list --backend privcmd 0" 2 3 4=any 5=any 6=range; rc=$?; /bin/xl vcpu-pin 0 0 all; exit $rc'
check xl-cpupool-list /bin/xl-compare table 'xl cpupool-list' '/bin/xen-cpupool-list --backend privcmd' 1
check xl-cpupool-list-c /bin/xl-compare table 'xl cpupool-list -c' '/bin/xen-cpupool-list --backend privcmd -c' 1
check xl-sched-credit2 /bin/xl-compare table 'xl sched-credit2' '/bin/xen-sched-credit2 --backend privcmd' 2
check xl-sched-credit2-dom0 /bin/xl-compare table 'xl sched-credit2 -d 0' '/bin/xen-sched-credit2 --backend privcmd -d 0' 2

# hcbuf-core's privcmd test, by whole name (a filter that matched nothing
# would pass), then the typed API's dom0 suite, one test at a time (the
# domain lifecycle tests create and destroy domains).
check hcbuf-core-privcmd-tests /bin/hcbuf-core-tests --exact backend::privcmd::tests::in_dom0_real_hypercalls
check dom0-api /bin/hcbuf-core-dom0-tests --test-threads=1 --nocapture --skip privcmd_foreign:: --skip load:: --skip event_channels_between_two_created_domains --skip grant_tables_of_a_created_domain

# Tests that each want a check line of their own, by exact name
# (`dom0-tests` fails unless every one named ran and passed): foreign
# memory through privcmd (MMAPBATCH_V2, MMAP_RESOURCE, DM_OP, RESTRICT) on
# domains the tests create; event channels and grant tables between
# created domains (each with both pools); 100 domains created, configured
# and destroyed with nothing left.
check privcmd-map-pages /bin/dom0-tests privcmd_foreign::pages_of_a_new_domain_map_write_and_read_back
check privcmd-map-grant-table /bin/dom0-tests privcmd_foreign::a_grant_table_maps_as_a_resource
check privcmd-dm-op-restrict /bin/dom0-tests privcmd_foreign::dm_op_and_restrict
check dom0-evtchn /bin/dom0-tests event_channels_between_two_created_domains::device_pool event_channels_between_two_created_domains::locked_anonymous_pool
check dom0-gnttab /bin/dom0-tests grant_tables_of_a_created_domain::device_pool grant_tables_of_a_created_domain::locked_anonymous_pool
check load-100-domains /bin/dom0-tests load::a_hundred_domains_leave_nothing_behind

# Last: hcbuf against the floor and libxencall, row for row, in
# interleaved rounds in this same boot. One check, failing only if a call
# fails; `cargo xtask dom0` prints the table from the samples.
check bench /bin/bench-rounds
