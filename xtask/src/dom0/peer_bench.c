/* peer-bench: written by `cargo xtask dom0` (xtask/src/peer_bench.c).
 * The two C sides of the dom0 benchmark, timed with one loop so that they
 * differ only in how a hypercall is made:
 *
 *   peer-bench libxencall [ROW...]  Debian's libxencall, the way libxc makes
 *       calls: a hypercall buffer from xencall_alloc_buffer for each call,
 *       freed after it. Prints `PEER <row> <median ns>`.
 *   peer-bench floor [ROW...]       the physical floor: a bare
 *       IOCTL_PRIVCMD_HYPERCALL on buffers mmap'd from /dev/xen/hypercall
 *       once, before timing; each call only fills in its request. Nothing a
 *       library can do is cheaper. Prints `FLOOR <row> <median ns>`.
 *
 * Rows (default: all): clock version extraversion physinfo domainlist1024
 * readconsole64k version16 -- the rows of hcbuf-dom0-bench, same names.
 * Time is read from the TSC, converted to ns with BENCH_TSC_KHZ (from the
 * environment; the same for every side): see the bench module of xtask for
 * why not clock_gettime.
 * Exits non-zero only if a call fails (never on speed), or if the running
 * Xen is not the release whose headers it was built with (-DXEN_MAJOR,
 * -DXEN_MINOR): the interface versions would be wrong.
 * Build: cc -static -O2 -D__XEN_TOOLS__ -DXEN_MAJOR=4 -DXEN_MINOR=20
 *        -DXEN_DOMCTL_EXPECTED=0x17 -I<libxen-dev>/usr/include peer_bench.c libxencall.a libxentoollog.a
 *        libxentoolcore.a */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xen/sysctl.h>
#include <xen/domctl.h>
#include <xencall.h>

#ifndef XEN_MAJOR
#error "build with -DXEN_MAJOR=<the release of the headers>"
#endif
#ifndef XEN_MINOR
#error "build with -DXEN_MINOR=<the release of the headers>"
#endif
#if defined(XEN_DOMCTL_EXPECTED) && XEN_DOMCTL_INTERFACE_VERSION != XEN_DOMCTL_EXPECTED
#error "these Xen headers are not the release's: wrong XEN_DOMCTL_INTERFACE_VERSION"
#endif

#define MAX_DOMAINS 1024
#define CONSOLE_BYTES (64 << 10)
#define BATCH 16
#define PAGE 4096
#define PAGES(bytes) (((bytes) + PAGE - 1) / PAGE)

/* Linux's privcmd ioctl (include/uapi/xen/privcmd.h), declared here: the
 * -I of the release's libxen-dev comes first, and its xen/ directory has
 * no privcmd.h of Linux's. The layout is fixed kernel ABI. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

static xencall_handle *xc;
static int privcmd = -1;

/* The floor's buffers, in one mapping of /dev/xen/hypercall, each on its
 * own pages (as a page-granular pool would place them). */
static struct {
    struct xen_sysctl *sysctl;
    char *extraversion;
    multicall_entry_t *calls;
    xen_domctl_getdomaininfo_t *domains;
    char *console;
} fl;

static void die(const char *row, const char *what, long r)
{
    fprintf(stderr, "peer-bench: %s: %s failed (%ld, errno %d: %s)\n",
            row, what, r, errno, strerror(errno));
    exit(1);
}

/* The TSC's rate, kHz (BENCH_TSC_KHZ). */
static uint64_t tsc_khz;

static inline uint64_t ticks(void)
{
    uint32_t lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* What the clock row measures: the clock read a library makes. */
static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- libxencall ---- */

static void *alloc(const char *row, size_t size)
{
    void *p = xencall_alloc_buffer(xc, size);
    if (!p)
        die(row, "xencall_alloc_buffer", 0);
    memset(p, 0, size);
    return p;
}

static void lx_version(const char *row)
{
    int r = xencall2(xc, __HYPERVISOR_xen_version, XENVER_version, 0);
    if (r < 0)
        die(row, "xen_version(XENVER_version)", r);
}

static void lx_extraversion(const char *row)
{
    char *buf = alloc(row, sizeof(xen_extraversion_t));
    int r = xencall2(xc, __HYPERVISOR_xen_version, XENVER_extraversion,
                     (uintptr_t)buf);
    if (r < 0)
        die(row, "xen_version(XENVER_extraversion)", r);
    xencall_free_buffer(xc, buf);
}

static struct xen_sysctl *sysctl_buf(const char *row, uint32_t cmd)
{
    struct xen_sysctl *sc = alloc(row, sizeof(*sc));
    sc->cmd = cmd;
    sc->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return sc;
}

static void lx_physinfo(const char *row)
{
    struct xen_sysctl *sc = sysctl_buf(row, XEN_SYSCTL_physinfo);
    int r = xencall1(xc, __HYPERVISOR_sysctl, (uintptr_t)sc);
    if (r < 0)
        die(row, "sysctl(physinfo)", r);
    if (sc->u.physinfo.nr_cpus == 0)
        die(row, "sysctl(physinfo) nr_cpus", 0);
    xencall_free_buffer(xc, sc);
}

static void lx_domains(const char *row)
{
    struct xen_sysctl *sc = sysctl_buf(row, XEN_SYSCTL_getdomaininfolist);
    xen_domctl_getdomaininfo_t *info =
        alloc(row, MAX_DOMAINS * sizeof(xen_domctl_getdomaininfo_t));
    sc->u.getdomaininfolist.first_domain = 0;
    sc->u.getdomaininfolist.max_domains = MAX_DOMAINS;
    set_xen_guest_handle(sc->u.getdomaininfolist.buffer, info);
    int r = xencall1(xc, __HYPERVISOR_sysctl, (uintptr_t)sc);
    if (r < 0)
        die(row, "sysctl(getdomaininfolist)", r);
    if (sc->u.getdomaininfolist.num_domains < 1)
        die(row, "sysctl(getdomaininfolist) num_domains", 0);
    xencall_free_buffer(xc, info);
    xencall_free_buffer(xc, sc);
}

static void lx_console(const char *row)
{
    struct xen_sysctl *sc = sysctl_buf(row, XEN_SYSCTL_readconsole);
    char *text = alloc(row, CONSOLE_BYTES);
    sc->u.readconsole.clear = 0;
    sc->u.readconsole.incremental = 0;
    sc->u.readconsole.index = 0;
    sc->u.readconsole.count = CONSOLE_BYTES;
    set_xen_guest_handle(sc->u.readconsole.buffer, text);
    int r = xencall1(xc, __HYPERVISOR_sysctl, (uintptr_t)sc);
    if (r < 0)
        die(row, "sysctl(readconsole)", r);
    if (sc->u.readconsole.count == 0)
        die(row, "sysctl(readconsole) count", 0);
    xencall_free_buffer(xc, text);
    xencall_free_buffer(xc, sc);
}

/* As before hcbuf: 16 calls one after the other (libxencall has no
 * batching of its own; libxc's callers make one call at a time). */
static void lx_version16(const char *row)
{
    for (int i = 0; i < BATCH; i++)
        lx_version(row);
}

/* ---- the floor ---- */

static long hypercall(uint64_t op, uint64_t a0, uint64_t a1)
{
    struct privcmd_hypercall call = { op, { a0, a1, 0, 0, 0 } };
    return ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

static void floor_setup(void)
{
    size_t sysctl = PAGES(sizeof(struct xen_sysctl));
    size_t extra = PAGES(sizeof(xen_extraversion_t));
    size_t calls = PAGES(BATCH * sizeof(multicall_entry_t));
    size_t domains = PAGES(MAX_DOMAINS * sizeof(xen_domctl_getdomaininfo_t));
    size_t console = PAGES(CONSOLE_BYTES);
    size_t pages = sysctl + extra + calls + domains + console;
    privcmd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if (privcmd < 0)
        die("setup", "open /dev/xen/privcmd", privcmd);
    int dev = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
    if (dev < 0)
        die("setup", "open /dev/xen/hypercall", dev);
    char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
                   dev, 0);
    if (p == MAP_FAILED)
        die("setup", "mmap /dev/xen/hypercall", -1);
    close(dev);
    fl.sysctl = (void *)p;
    p += sysctl * PAGE;
    fl.extraversion = p;
    p += extra * PAGE;
    fl.calls = (void *)p;
    p += calls * PAGE;
    fl.domains = (void *)p;
    p += domains * PAGE;
    fl.console = p;
}

static void fl_version(const char *row)
{
    long r = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0);
    if (r < 0)
        die(row, "xen_version(XENVER_version)", r);
}

static void fl_extraversion(const char *row)
{
    long r = hypercall(__HYPERVISOR_xen_version, XENVER_extraversion,
                       (uintptr_t)fl.extraversion);
    if (r < 0)
        die(row, "xen_version(XENVER_extraversion)", r);
}

/* The request header; Xen writes the answer over the union. */
static struct xen_sysctl *fl_sysctl(uint32_t cmd)
{
    fl.sysctl->cmd = cmd;
    fl.sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return fl.sysctl;
}

static void fl_physinfo(const char *row)
{
    struct xen_sysctl *sc = fl_sysctl(XEN_SYSCTL_physinfo);
    long r = hypercall(__HYPERVISOR_sysctl, (uintptr_t)sc, 0);
    if (r < 0)
        die(row, "sysctl(physinfo)", r);
    if (sc->u.physinfo.nr_cpus == 0)
        die(row, "sysctl(physinfo) nr_cpus", 0);
}

static void fl_domains(const char *row)
{
    struct xen_sysctl *sc = fl_sysctl(XEN_SYSCTL_getdomaininfolist);
    sc->u.getdomaininfolist.first_domain = 0;
    sc->u.getdomaininfolist.max_domains = MAX_DOMAINS;
    set_xen_guest_handle(sc->u.getdomaininfolist.buffer, fl.domains);
    long r = hypercall(__HYPERVISOR_sysctl, (uintptr_t)sc, 0);
    if (r < 0)
        die(row, "sysctl(getdomaininfolist)", r);
    if (sc->u.getdomaininfolist.num_domains < 1)
        die(row, "sysctl(getdomaininfolist) num_domains", 0);
}

static void fl_console(const char *row)
{
    struct xen_sysctl *sc = fl_sysctl(XEN_SYSCTL_readconsole);
    sc->u.readconsole.clear = 0;
    sc->u.readconsole.incremental = 0;
    sc->u.readconsole.index = 0;
    sc->u.readconsole.count = CONSOLE_BYTES;
    set_xen_guest_handle(sc->u.readconsole.buffer, fl.console);
    long r = hypercall(__HYPERVISOR_sysctl, (uintptr_t)sc, 0);
    if (r < 0)
        die(row, "sysctl(readconsole)", r);
    if (sc->u.readconsole.count == 0)
        die(row, "sysctl(readconsole) count", 0);
}

/* The entries are written again each call: Xen writes each result, and a
 * debug build clobbers the arguments. */
static void fl_version16(const char *row)
{
    for (int i = 0; i < BATCH; i++) {
        fl.calls[i].op = __HYPERVISOR_xen_version;
        fl.calls[i].args[0] = XENVER_version;
        fl.calls[i].args[1] = 0;
    }
    long r = hypercall(__HYPERVISOR_multicall, (uintptr_t)fl.calls, BATCH);
    if (r < 0)
        die(row, "multicall", r);
    for (int i = 0; i < BATCH; i++)
        if ((long)fl.calls[i].result < 0)
            die(row, "multicall xen_version", (long)fl.calls[i].result);
}

/* ---- both ---- */

static void op_clock(const char *row)
{
    volatile uint64_t t = now_ns();
    (void)row;
    (void)t;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Runs `op` a few times, then SAMPLES times `per` runs, each run of `per`
 * timed as one (a clock read costs about as much as a hypercall here);
 * prints the median time of one `op`. The same loop as hcbuf-dom0-bench's. */
#define SAMPLES 51
static void bench(const char *tag, const char *row, void (*op)(const char *),
                  int per)
{
    uint64_t t[SAMPLES];
    for (int i = 0; i < per + 2; i++)
        op(row); /* warm up */
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = ticks();
        for (int j = 0; j < per; j++)
            op(row);
        t[i] = (ticks() - t0) * 1000000 / tsc_khz / (uint64_t)per;
    }
    qsort(t, SAMPLES, sizeof(t[0]), cmp_u64);
    printf("%s %s %llu\n", tag, row, (unsigned long long)t[SAMPLES / 2]);
    fflush(stdout);
}

struct row {
    const char *name;
    void (*libxencall)(const char *);
    void (*floor)(const char *);
    int per;
};

static const struct row ROWS[] = {
    { "clock", op_clock, op_clock, 32 },
    { "version", lx_version, fl_version, 32 },
    { "extraversion", lx_extraversion, fl_extraversion, 32 },
    { "physinfo", lx_physinfo, fl_physinfo, 32 },
    { "domainlist1024", lx_domains, fl_domains, 8 },
    { "readconsole64k", lx_console, fl_console, 8 },
    { "version16", lx_version16, fl_version16, 8 },
};
#define NROWS (sizeof(ROWS) / sizeof(ROWS[0]))

static int usage(void)
{
    fprintf(stderr, "usage: peer-bench libxencall|floor [ROW...]; rows:");
    for (size_t i = 0; i < NROWS; i++)
        fprintf(stderr, " %s", ROWS[i].name);
    fprintf(stderr, "\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    int floor = strcmp(argv[1], "floor") == 0;
    if (!floor && strcmp(argv[1], "libxencall") != 0)
        return usage();
    for (int a = 2; a < argc; a++) {
        size_t i = 0;
        while (i < NROWS && strcmp(ROWS[i].name, argv[a]) != 0)
            i++;
        if (i == NROWS) {
            fprintf(stderr, "peer-bench: no row %s\n", argv[a]);
            return usage();
        }
    }

    const char *khz = getenv("BENCH_TSC_KHZ");
    tsc_khz = khz ? strtoull(khz, NULL, 10) : 0;
    if (tsc_khz == 0) {
        fprintf(stderr, "peer-bench: BENCH_TSC_KHZ (the TSC's rate in kHz) is not set\n");
        return 2;
    }
    if (floor) {
        floor_setup();
    } else {
        xc = xencall_open(NULL, 0);
        if (!xc)
            die("setup", "xencall_open", 0);
    }
    long v = floor ? hypercall(__HYPERVISOR_xen_version, XENVER_version, 0)
                   : xencall2(xc, __HYPERVISOR_xen_version, XENVER_version, 0);
    if (v < 0)
        die("setup", "xen_version(XENVER_version)", v);
    if (v >> 16 != XEN_MAJOR || (v & 0xffff) != XEN_MINOR) {
        fprintf(stderr, "peer-bench: built for Xen %d.%d, running on %ld.%ld\n",
                XEN_MAJOR, XEN_MINOR, v >> 16, v & 0xffff);
        return 1;
    }
    for (size_t i = 0; i < NROWS; i++) {
        int wanted = argc == 2;
        for (int a = 2; a < argc; a++)
            wanted |= strcmp(ROWS[i].name, argv[a]) == 0;
        if (wanted)
            bench(floor ? "FLOOR" : "PEER", ROWS[i].name,
                  floor ? ROWS[i].floor : ROWS[i].libxencall, ROWS[i].per);
    }
    if (xc)
        xencall_close(xc);
    return 0;
}
