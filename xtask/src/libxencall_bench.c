/* libxencall-bench: written by `cargo xtask dom0` (xtask/src/libxencall_bench.c).
 * Times hypercalls made through Debian's libxencall inside dom0, the way
 * libxc makes them: a hypercall buffer from xencall_alloc_buffer for each
 * call, freed after it. Prints `PEER <row> <median ns>` per row; exits
 * non-zero only if a call fails (never on speed).
 * Build: cc -static -O2 -D__XEN_TOOLS__ -o libxencall-bench libxencall_bench.c
 *        -lxencall -lxentoollog -lxentoolcore */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xen/sysctl.h>
#include <xen/domctl.h>
#include <xencall.h>

#define MAX_DOMAINS 1024
#define CONSOLE_BYTES (64 << 10)
#define BATCH 16

static xencall_handle *xc;

static void die(const char *row, const char *what, long r)
{
    fprintf(stderr, "libxencall-bench: %s: %s failed (%ld, errno %d: %s)\n",
            row, what, r, errno, strerror(errno));
    exit(1);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void *alloc(const char *row, size_t size)
{
    void *p = xencall_alloc_buffer(xc, size);
    if (!p)
        die(row, "xencall_alloc_buffer", 0);
    memset(p, 0, size);
    return p;
}

/* Each op makes its calls (allocating and freeing its buffers). */
static void op_version(const char *row)
{
    int r = xencall2(xc, __HYPERVISOR_xen_version, XENVER_version, 0);
    if (r < 0)
        die(row, "xen_version(XENVER_version)", r);
}

static void op_extraversion(const char *row)
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

static void op_physinfo(const char *row)
{
    struct xen_sysctl *sc = sysctl_buf(row, XEN_SYSCTL_physinfo);
    int r = xencall1(xc, __HYPERVISOR_sysctl, (uintptr_t)sc);
    if (r < 0)
        die(row, "sysctl(physinfo)", r);
    if (sc->u.physinfo.nr_cpus == 0)
        die(row, "sysctl(physinfo) nr_cpus", 0);
    xencall_free_buffer(xc, sc);
}

static void op_domains(const char *row)
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

static void op_console(const char *row)
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

static void op_clock(const char *row)
{
    volatile uint64_t t = now_ns();
    (void)row;
    (void)t;
}

static void op_version16(const char *row)
{
    for (int i = 0; i < BATCH; i++)
        op_version(row);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Runs `op` a few times, then SAMPLES times `per` runs, each run of `per`
 * timed as one (a clock read costs about as much as a hypercall here);
 * prints the median time of one `op`. */
#define SAMPLES 51
static void bench(const char *row, void (*op)(const char *), int per)
{
    uint64_t t[SAMPLES];
    for (int i = 0; i < per + 2; i++)
        op(row); /* warm up */
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = now_ns();
        for (int j = 0; j < per; j++)
            op(row);
        t[i] = (now_ns() - t0) / (uint64_t)per;
    }
    qsort(t, SAMPLES, sizeof(t[0]), cmp_u64);
    printf("PEER %s %llu\n", row, (unsigned long long)t[SAMPLES / 2]);
    fflush(stdout);
}

int main(void)
{
    xc = xencall_open(NULL, 0);
    if (!xc) {
        fprintf(stderr, "libxencall-bench: xencall_open failed: %s\n",
                strerror(errno));
        return 1;
    }
    printf("libxencall-bench: buffers_never_fault=%d\n",
           xencall_buffers_never_fault(xc));
    bench("clock", op_clock, 32);
    bench("version", op_version, 32);
    bench("extraversion", op_extraversion, 32);
    bench("physinfo", op_physinfo, 32);
    bench("domainlist1024", op_domains, 8);
    bench("readconsole64k", op_console, 8);
    bench("version16", op_version16, 8);
    xencall_close(xc);
    return 0;
}
