//! The software Xen: Xen 4.17's answers through the typed definitions, and
//! every guest address checked against the pool.

mod common;

use hcbuf_core::Release;
use std::mem::offset_of;

use common::default_host::{DOM0_PAGES, HOST_PAGES, LOCAL_DISTANCE, MAX_RAM_PAGE, REMOTE_DISTANCE};
use common::{RawCall, poke_u32, tracking_pool};
use hcbuf_core::args::family::{Domctl, Sysctl};
use hcbuf_core::backend::soft::{DomainConfig, E820Region, HostConfig, SoftXen, SoftXenError};
use hcbuf_core::handle::Lent;
use hcbuf_core::signature::Command;
use hcbuf_core::sys::domctl::{
    XEN_DOMINF_paused, XEN_DOMINF_running, XEN_SCHEDULER_CREDIT2, xen_domctl,
};
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::handles::LendError;
use hcbuf_core::sys::hypfs::{XEN_HYPFS_TYPE_DIR, XEN_HYPFS_TYPE_STRING, XEN_HYPFS_TYPE_UINT};
use hcbuf_core::sys::memory::{E820_RAM, XENMEM_current_reservation};
use hcbuf_core::sys::sysctl::xen_sysctl;
use hcbuf_core::sys::version::*;
use hcbuf_core::sys::xen::{
    __HYPERVISOR_memory_op, __HYPERVISOR_multicall, __HYPERVISOR_xen_version, DOMID_SELF,
};
use hcbuf_core::xen::console::*;
use hcbuf_core::xen::domctl::*;
use hcbuf_core::xen::hypfs::*;
use hcbuf_core::xen::memory::*;
use hcbuf_core::xen::multicall::*;
use hcbuf_core::xen::sysctl::*;
use hcbuf_core::xen::version::*;
use hcbuf_core::xen::{CmdCall, Op};
use hcbuf_core::{Backend, GuestHandleMut, Pool, PoolBox, PoolSlice, SubOp, XenErrno};

fn soft() -> SoftXen {
    soft_with(HostConfig::default())
}

fn soft_with(host: HostConfig) -> SoftXen {
    SoftXen::new(tracking_pool(), host).unwrap()
}

fn errno<T>(e: i32) -> Result<T, XenErrno> {
    Err(XenErrno(e))
}

/// Issues a sysctl carrying `payload`; the result and the buffer after.
fn sysctl<'p, P: SubOp<Family = Sysctl>>(
    xen: &'p SoftXen,
    payload: P,
) -> (Result<u64, XenErrno>, PoolBox<'p, Op<P>>) {
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), payload).unwrap();
    let result = xen.hypercall(&op.call());
    (result, op)
}

/// Issues a domctl about `domain` carrying `payload`.
fn domctl<'p, P: SubOp<Family = Domctl>>(
    xen: &'p SoftXen,
    domain: u16,
    payload: P,
) -> (Result<u64, XenErrno>, PoolBox<'p, Op<P>>) {
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), domain, payload).unwrap();
    let result = xen.hypercall(&op.call());
    (result, op)
}

/// `getdomaininfo(domain)`: the result and the info.
fn domain_info(xen: &SoftXen, domain: u16) -> Result<GetDomainInfo, XenErrno> {
    let (result, op) = domctl(xen, domain, GetDomainInfo::default());
    result.map(|_| *op.payload())
}

/// Fills a `xen_version` buffer of type `P`.
fn version_buffer<P: SubOp<Family = hcbuf_core::args::family::XenVersion> + Copy>(
    xen: &SoftXen,
) -> Result<P, XenErrno> {
    let mut buf = xen.pool().boxed::<P>().unwrap();
    xen.hypercall(&Version {
        buf: buf.handle_mut(),
    })?;
    Ok(*buf)
}

fn c_str(bytes: &[u8]) -> &str {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    std::str::from_utf8(&bytes[..end]).unwrap()
}

#[test]
fn the_model_is_send_and_sync_and_needs_a_tracking_pool() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SoftXen>();
    assert!(matches!(
        SoftXen::new(Pool::locked_anonymous(), HostConfig::default()),
        Err(SoftXenError::UntrackedPool)
    ));
    let bad_dom0 = HostConfig::default().domain(DomainConfig::new(0).vcpus(1, 2));
    assert!(matches!(
        SoftXen::new(tracking_pool(), bad_dom0),
        Err(SoftXenError::InvalidHost(_))
    ));
    // Whose byte count would overflow a u64 in physinfo.
    let huge = HostConfig::default().memory_pages(1 << 53, 0);
    assert!(matches!(
        SoftXen::new(tracking_pool(), huge),
        Err(SoftXenError::InvalidHost(m)) if m.contains("at most 2^40 pages")
    ));
    // A page whose multiple by the host's pages overflows 64 bits, or that
    // is no page at all.
    for page in [1 << 50, 4095, 0] {
        let odd = HostConfig::default().page_size(page);
        assert!(matches!(
            SoftXen::new(tracking_pool(), odd),
            Err(SoftXenError::InvalidHost(m)) if m.contains("a power of two, 4 KiB to 1 GiB")
        ));
    }
    // Domains holding more than the host has (their sum overflowing a
    // u64, even).
    for pages in [HOST_PAGES, u64::MAX / 2 + 1] {
        let greedy = HostConfig::default()
            .domain(DomainConfig::new(5).pages(pages, pages))
            .domain(DomainConfig::new(6).pages(pages, pages));
        assert!(matches!(
            SoftXen::new(tracking_pool(), greedy),
            Err(SoftXenError::InvalidHost(m)) if m.contains("more pages than the host's")
        ));
    }
}

#[test]
fn version_numbers_and_strings_are_those_of_the_measured_xen() {
    let xen = soft();
    assert_eq!(xen.hypercall(&VersionNumber::default()), Ok(0x4_0011));
    assert_eq!(xen.hypercall(&PageSize::default()), Ok(4096));
    let unknown = RawCall::<__HYPERVISOR_xen_version>::new([99, 0, 0, 0, 0]);
    assert_eq!(xen.hypercall(&unknown), errno(XEN_ENOSYS));

    let extra: ExtraVersion = version_buffer(&xen).unwrap();
    assert_eq!(c_str(&extra), ".7");
    let caps: Capabilities = version_buffer(&xen).unwrap();
    assert_eq!(
        c_str(&caps.0),
        "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 "
    );
    let changeset: Changeset = version_buffer(&xen).unwrap();
    assert_eq!(c_str(&changeset), "");
    let info: CompileInfo = version_buffer(&xen).unwrap();
    assert_eq!(
        c_str(&info.compiler),
        "x86_64-linux-gnu-gcc (Debian 12.2.0-14+deb12u1) 12.2.0"
    );
    assert_eq!(c_str(&info.compile_by), "pkg-xen-devel");
    let cmdline: CommandLine = version_buffer(&xen).unwrap();
    assert!(c_str(&cmdline.0).contains("dom0_mem=1024M,max:1024M"));
    let params: PlatformParameters = version_buffer(&xen).unwrap();
    assert_eq!(params.virt_start, 0xffff_8000_0000_0000);

    let mut features = xen.pool().boxed::<FeatureInfo>().unwrap();
    xen.hypercall(&Version {
        buf: features.handle_mut(),
    })
    .unwrap();
    assert_eq!(features.submap, 0x0002_28f0);
    features.submap_idx = 1;
    let result = xen.hypercall(&Version {
        buf: features.handle_mut(),
    });
    assert_eq!(result, errno(XEN_EINVAL), "only submap 0 exists");
    assert_eq!(xen.faults(), 0);
}

#[test]
fn the_build_id_needs_room_and_reports_its_length() {
    let xen = soft();
    let id = [
        0x15, 0x1b, 0x37, 0x3f, 0xd6, 0x4b, 0x32, 0x15, 0x93, 0xbf, 0x98, 0x7f, 0xd9, 0x23, 0xcd,
        0x10, 0xda, 0xba, 0xda, 0xc4,
    ];
    let call = |buf| xen.hypercall(&BuildId { cmd: Command, buf });
    assert_eq!(call(GuestHandleMut::null()), Ok(20), "a null buffer asks");
    let mut buf = xen.pool().boxed_from(BuildIdBuffer::new()).unwrap();
    assert_eq!(call(buf.handle_mut()), Ok(20));
    assert_eq!(&buf.bytes()[..20], &id);
    assert!(
        buf.bytes()[20..].iter().all(|&b| b == 0),
        "nothing past the id"
    );

    // A buffer shorter than the id, and one of length 0, as only raw
    // registers can pass them.
    let mut small = xen.pool().slice::<u8>(4 + 8).unwrap();
    small[..4].copy_from_slice(&8u32.to_ne_bytes());
    // The raw call lends the 12 bytes, as a `Lent` would.
    let raw = |addr| {
        RawCall::<__HYPERVISOR_xen_version>::new([u64::from(XENVER_build_id), addr, 0, 0, 0])
            .lending(addr, 12, true)
    };
    let addr = small.handle_mut().addr();
    assert_eq!(xen.hypercall(&raw(addr)), errno(XEN_ENOBUFS));
    assert_eq!(&small[4..], &[0; 8], "nothing written");
    small[..4].copy_from_slice(&0u32.to_ne_bytes());
    let addr = small.handle_mut().addr();
    assert_eq!(xen.hypercall(&raw(addr)), errno(XEN_EINVAL));
}

#[test]
fn physinfo_and_scheduler_are_those_of_the_qemu_host() {
    let xen = soft();
    let (result, op) = sysctl(&xen, PhysInfo::default());
    result.unwrap();
    let p = op.payload();
    assert_eq!(
        (
            p.nr_cpus,
            p.threads_per_core,
            p.cores_per_socket,
            p.nr_nodes
        ),
        (2, 1, 2, 1)
    );
    assert_eq!((p.max_cpu_id, p.cpu_khz), (1, 1_996_249));
    assert_eq!((p.total_pages, p.free_pages), (HOST_PAGES, 256_086));
    assert_eq!((p.max_mfn, p.capabilities), (0x7_ffde, 0x303));
    assert_eq!(p.hw_cap[0], 0x178b_f3fd);

    let (result, op) = sysctl(&xen, SchedId::default());
    result.unwrap();
    assert_eq!(op.payload().sched_id, XEN_SCHEDULER_CREDIT2);
}

#[test]
fn a_wrong_interface_version_is_eacces_before_anything_else() {
    let xen = soft();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), PhysInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_sysctl, interface_version), 0x14);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_EACCES));
    assert_eq!(*op.payload(), PhysInfo::default(), "nothing written");

    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 0, GetDomainInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_domctl, interface_version), 0x14);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_EACCES));

    // An unknown command with the right version is ENOSYS.
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), PhysInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_sysctl, cmd), 0xdead);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ENOSYS));
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 0, GetDomainInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_domctl, cmd), 0xdead);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ENOSYS));
    // ... after the domain lookup.
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 42, GetDomainInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_domctl, cmd), 0xdead);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ESRCH));
    assert_eq!(xen.faults(), 0);
}

#[test]
fn dom0_reads_as_on_the_real_host() {
    let xen = soft();
    let d = domain_info(&xen, 0).unwrap();
    assert_eq!(d.flags, 0xffff_0020, "running, no shutdown code");
    assert_eq!((d.tot_pages, d.max_pages), (DOM0_PAGES, DOM0_PAGES));
    assert_eq!((d.nr_online_vcpus, d.max_vcpu_id, d.cpupool), (2, 1, 0));
    let (result, op) = domctl(
        &xen,
        0,
        GetVcpuInfo {
            vcpu: 1,
            ..Default::default()
        },
    );
    result.unwrap();
    let v = op.payload();
    assert_eq!((v.online, v.blocked, v.running, v.cpu), (1, 0, 1, 1));
    assert_eq!(domain_info(&xen, 12345), errno(XEN_ESRCH));
    assert_eq!(domain_info(&xen, DOMID_SELF), errno(XEN_EINVAL));
    // dom0 cannot pause or destroy itself.
    assert_eq!(domctl(&xen, 0, PauseDomain {}).0, errno(XEN_EINVAL));
    assert_eq!(domctl(&xen, 0, DestroyDomain {}).0, errno(XEN_EINVAL));
    assert_eq!(domctl(&xen, 0, UnpauseDomain {}).0, errno(XEN_EINVAL));
}

#[test]
fn create_pause_unpause_destroy_change_what_getdomaininfo_sees() {
    let xen = soft();
    let config = CreateDomain {
        max_vcpus: 2,
        handle: [7; 16],
        ..Default::default()
    };
    // Domain 0 asked: Xen picks the next free id and writes it back.
    let (result, op) = domctl(&xen, 0, config);
    result.unwrap();
    assert_eq!(op.header().domain, 1);
    let d = domain_info(&xen, 1).unwrap();
    assert_eq!(d.domain, 1);
    assert_eq!(
        d.flags & XEN_DOMINF_paused,
        XEN_DOMINF_paused,
        "born paused"
    );
    assert_eq!((d.nr_online_vcpus, d.tot_pages, d.handle), (0, 0, [7; 16]));

    // vCPUs: the count given at creation, created offline.
    let vcpu = |n| {
        domctl(
            &xen,
            1,
            GetVcpuInfo {
                vcpu: n,
                ..Default::default()
            },
        )
        .0
    };
    assert_eq!(vcpu(0), errno(XEN_ESRCH), "not created yet");
    assert_eq!(domctl(&xen, 1, MaxVcpus { max: 3 }).0, errno(XEN_EINVAL));
    domctl(&xen, 1, MaxVcpus { max: 2 }).0.unwrap();
    assert_eq!(vcpu(1), Ok(0));
    assert_eq!(vcpu(2), errno(XEN_EINVAL));
    assert_eq!(domain_info(&xen, 1).unwrap().max_vcpu_id, 1);

    domctl(&xen, 1, UnpauseDomain {}).0.unwrap();
    assert_eq!(domain_info(&xen, 1).unwrap().flags & XEN_DOMINF_paused, 0);
    assert_eq!(domctl(&xen, 1, UnpauseDomain {}).0, errno(XEN_EINVAL));
    domctl(&xen, 1, PauseDomain {}).0.unwrap();
    assert_ne!(domain_info(&xen, 1).unwrap().flags & XEN_DOMINF_paused, 0);

    // An id asked for explicitly; taken ids are EEXIST.
    let (result, op) = domctl(&xen, 5, config);
    result.unwrap();
    assert_eq!(op.header().domain, 5);
    assert_eq!(domctl(&xen, 5, config).0, errno(XEN_EEXIST));
    // The next free id after the last one Xen chose.
    assert_eq!(domctl(&xen, 0, config).1.header().domain, 2);

    domctl(&xen, 1, DestroyDomain {}).0.unwrap();
    assert_eq!(
        domain_info(&xen, 1).unwrap().domain,
        2,
        "the next domain at or after 1"
    );
    assert_eq!(domctl(&xen, 1, PauseDomain {}).0, errno(XEN_ESRCH));

    // Bad configurations.
    let bad = CreateDomain {
        max_vcpus: 0,
        ..config
    };
    assert_eq!(domctl(&xen, 0, bad).0, errno(XEN_EINVAL));
    let hap = CreateDomain {
        flags: hcbuf_core::sys::domctl::XEN_DOMCTL_CDF_hvm
            | hcbuf_core::sys::domctl::XEN_DOMCTL_CDF_hap,
        ..config
    };
    assert_eq!(domctl(&xen, 0, hap).0, errno(XEN_EINVAL), "no HAP on TCG");
}

#[test]
fn max_mem_changes_the_reservation_memory_op_reports() {
    let xen = soft();
    let reservation = |domid| {
        let arg = xen
            .pool()
            .boxed_from(MaximumReservation::new(MemoryDomain { domid }))
            .unwrap();
        xen.hypercall(&CmdCall::new(arg))
    };
    let current = |domid| {
        let arg = xen
            .pool()
            .boxed_from(CurrentReservation::new(MemoryDomain { domid }))
            .unwrap();
        xen.hypercall(&CmdCall::new(arg))
    };
    assert_eq!(current(DOMID_SELF), Ok(DOM0_PAGES));
    assert_eq!(current(0), Ok(DOM0_PAGES));
    assert_eq!(reservation(0), Ok(DOM0_PAGES));
    let gpfn = xen
        .pool()
        .boxed_from(MaximumGpfn::new(MemoryDomain { domid: 0 }))
        .unwrap();
    let result = xen.hypercall(&CmdCall::new(gpfn));
    assert_eq!(result, Ok(262_143));
    assert_eq!(current(99), errno(XEN_ESRCH));
    assert_eq!(xen.hypercall(&MaximumRamPage::new()), Ok(MAX_RAM_PAGE));
    assert_eq!(
        xen.hypercall(&RawCall::<__HYPERVISOR_memory_op>::new([63, 0, 0, 0, 0])),
        errno(XEN_ENOSYS),
        "an unknown memory_op"
    );

    domctl(&xen, 0, MaxMem { max_memkb: 1 << 20 }).0.unwrap();
    assert_eq!(reservation(0), Ok(DOM0_PAGES), "1 GiB is 262144 pages");
    domctl(&xen, 0, MaxMem { max_memkb: 2 << 20 }).0.unwrap();
    assert_eq!(reservation(0), Ok(524_288));
    assert_eq!(domain_info(&xen, 0).unwrap().max_pages, 524_288);
}

#[test]
fn getdomaininfolist_pages_through_the_domains() {
    let host = [1, 2, 3, 7]
        .into_iter()
        .fold(HostConfig::default(), |h, id| {
            h.domain(
                DomainConfig::new(id)
                    .pages(id as u64 * 10, 100)
                    .paused(id == 7),
            )
        });
    let xen = soft_with(host);
    let mut entries = xen.pool().slice::<GetDomainInfo>(2).unwrap();
    let mut page = |first| {
        let mut ask = GetDomainInfoList::default();
        ask.first_domain = first;
        ask.set_max_domains(2).unwrap();
        ask.set_buffer(entries.lend_mut()).unwrap();
        let (result, op) = sysctl(&xen, ask);
        result.unwrap();
        let n = op.payload().num_domains as usize;
        drop(op);
        entries[..n].iter().map(|d| d.domain).collect::<Vec<_>>()
    };
    assert_eq!(page(0), [0, 1]);
    assert_eq!(page(2), [2, 3]);
    assert_eq!(page(4), [7]);
    assert_eq!(page(8), [] as [u16; 0]);
    page(3);
    assert_eq!((entries[0].domain, entries[0].tot_pages), (3, 30));
    assert_eq!(entries[1].flags & XEN_DOMINF_paused, XEN_DOMINF_paused);
    assert_eq!(entries[1].flags & XEN_DOMINF_running, 0);
}

#[test]
fn readconsole_reads_incrementally_and_clears() {
    let xen = soft();
    let mut buf = xen.pool().slice::<u8>(4096).unwrap();
    let mut read = |incremental: bool, index: u32, count: u32, clear: bool| {
        let mut ask = ReadConsole::default();
        ask.clear = u8::from(clear);
        ask.incremental = u8::from(incremental);
        ask.index = index;
        ask.set_count(count).unwrap();
        ask.set_buffer(buf.lend_mut()).unwrap();
        let (result, op) = sysctl(&xen, ask);
        result.unwrap();
        let (n, next) = (op.payload().count() as usize, op.payload().index);
        drop(op);
        (buf[..n].to_vec(), next)
    };
    let (boot, end) = read(false, 0, 4096, false);
    assert!(boot.starts_with(b"(XEN) Xen version 4.17.7"));
    assert_eq!(end as usize, boot.len());

    let text = xen.pool().slice_from(b"hello from dom0\n").unwrap();
    xen.hypercall(&ConsoleWrite::new(&text)).unwrap();
    let (new, next) = read(true, end, 6, false);
    assert_eq!((new.as_slice(), next), (&b"hello "[..], end + 6));
    let (rest, next) = read(true, next, 4096, false);
    assert_eq!(rest, b"from dom0\n");
    let (nothing, same) = read(true, next, 4096, false);
    assert_eq!((nothing.len() as u32, same), (0, next));

    // Clearing drops everything read so far.
    read(false, 0, 4096, true);
    assert_eq!(read(false, 0, 4096, false).0, b"");

    // Console input: none.
    let mut input = xen.pool().slice::<u8>(16).unwrap();
    assert_eq!(xen.hypercall(&ConsoleRead::new(&mut input)), Ok(0));
}

#[test]
fn cpu_topology_numa_and_cpu_info() {
    let xen = soft_with(HostConfig::default().cpus(2, 2, 2).nodes(2));
    let (result, op) = sysctl(&xen, CpuTopoInfo::default());
    result.unwrap();
    assert_eq!(
        op.payload().num_cpus(),
        8,
        "a null buffer asks for the count"
    );
    let mut topo = xen.pool().slice::<CpuTopo>(3).unwrap();
    let mut ask = CpuTopoInfo::default();
    ask.set_num_cpus(3).unwrap();
    ask.set_cputopo(topo.lend_mut()).unwrap();
    let (result, op) = sysctl(&xen, ask);
    result.unwrap();
    assert_eq!(op.payload().num_cpus(), 3);
    drop(op);
    let t = |i: usize| (topo[i].core, topo[i].socket, topo[i].node);
    assert_eq!([t(0), t(1), t(2)], [(0, 0, 0), (0, 0, 0), (1, 0, 0)]);

    let mut mem = xen.pool().slice::<MemInfo>(2).unwrap();
    let mut distance = xen.pool().slice::<u32>(4).unwrap();
    let mut ask = NumaInfo::default();
    ask.set_num_nodes(2).unwrap();
    ask.set_meminfo(mem.lend_mut()).unwrap();
    ask.set_distance(distance.lend_mut()).unwrap();
    let (result, op) = sysctl(&xen, ask);
    result.unwrap();
    assert_eq!(op.payload().num_nodes(), 2);
    drop(op);
    assert_eq!(mem[0].memsize, HOST_PAGES * 4096 / 2);
    let (l, r) = (LOCAL_DISTANCE, REMOTE_DISTANCE);
    assert_eq!(&distance[..], &[l, r, r, l]);

    let mut info = xen.pool().slice::<CpuInfo>(16).unwrap();
    let mut ask = GetCpuInfo::default();
    ask.set_max_cpus(16).unwrap();
    ask.set_info(info.lend_mut()).unwrap();
    let (result, op) = sysctl(&xen, ask);
    result.unwrap();
    assert_eq!(op.payload().nr_cpus, 8);
}

#[test]
fn memory_maps_are_e820_tables() {
    let xen = soft();
    let count = {
        let arg = xen.pool().boxed_from(MachineMemoryMap::default()).unwrap();
        let mut call = CmdCall::new(arg);
        xen.hypercall(&call).unwrap();
        call.payload().nr_entries()
    };
    assert_eq!(count, 7, "a null buffer asks for the count");
    let mut table = xen.pool().slice::<E820Entry>(count as usize + 1).unwrap();
    {
        let mut map = MemoryMap::default();
        map.set_nr_entries(count).unwrap();
        map.set_buffer(table.lend_range_mut(0..count as usize).unwrap())
            .unwrap();
        let arg = xen.pool().boxed_from(MachineMemoryMap::new(map)).unwrap();
        let result = xen.hypercall(&CmdCall::new(arg));
        assert_eq!(result, errno(XEN_EINVAL), "room for one more is needed");
    }
    {
        let mut map = MemoryMap::default();
        map.set_nr_entries(count + 1).unwrap();
        map.set_buffer(table.lend_mut()).unwrap();
        let arg = xen.pool().boxed_from(MachineMemoryMap::new(map)).unwrap();
        let mut call = CmdCall::new(arg);
        xen.hypercall(&call).unwrap();
        assert_eq!(call.payload().nr_entries(), count);
    }
    assert_eq!(
        (table[3].addr(), table[3].size(), table[3].region_type()),
        (0x10_0000, 0x7fee_0000, E820_RAM)
    );

    // A PV dom0 has no pseudo-physical map of its own ...
    let arg = xen.pool().boxed_from(GetMemoryMap::default()).unwrap();
    let result = xen.hypercall(&CmdCall::new(arg));
    assert_eq!(result, errno(XEN_ENOSYS));
    // ... unless configured.
    let map = vec![E820Region::new(0, 1 << 30, E820_RAM)];
    let xen = soft_with(HostConfig::default().dom0_memory_map(Some(map)));
    let mut table = xen.pool().slice::<E820Entry>(4).unwrap();
    let mut map = MemoryMap::default();
    map.set_nr_entries(4).unwrap();
    map.set_buffer(table.lend_mut()).unwrap();
    let arg = xen.pool().boxed_from(GetMemoryMap::new(map)).unwrap();
    let mut call = CmdCall::new(arg);
    xen.hypercall(&call).unwrap();
    assert_eq!(call.payload().nr_entries(), 1);
    drop(call);
    assert_eq!(table[0].size(), 1 << 30);
}

#[test]
fn an_address_outside_the_pool_is_efault_and_counted() {
    let xen = soft();
    let mut on_stack = [0u8; 16];
    // Not hypercall-safe memory, which is the point: the software Xen must
    // refuse it rather than write there.
    let outside = on_stack.as_mut_ptr() as u64;
    let extraversion = |addr| {
        RawCall::<__HYPERVISOR_xen_version>::new([u64::from(XENVER_extraversion), addr, 0, 0, 0])
    };
    let result = xen.hypercall(&extraversion(outside));
    assert_eq!(result, errno(XEN_EFAULT));
    assert_eq!(xen.faults(), 1);
    assert_eq!(on_stack, [0; 16], "never written");

    // The null handle too (Xen faults on page 0).
    let result = xen.hypercall(&extraversion(0));
    assert_eq!(result, errno(XEN_EFAULT));
    assert_eq!(xen.faults(), 2);
}

#[test]
fn a_write_through_a_read_only_lent_buffer_is_efault() {
    let xen = soft();
    let buf = xen.pool().boxed_from([0u8; 16]).unwrap();
    let result = xen.hypercall(&RawCall::<__HYPERVISOR_xen_version>::new([
        u64::from(XENVER_extraversion),
        buf.handle().addr(),
        0,
        0,
        0,
    ]));
    assert_eq!(result, errno(XEN_EFAULT));
    assert_eq!(*buf, [0; 16]);
    assert_eq!(xen.faults(), 1);

    // Reading it is fine: the console reads what it writes.
    let text = xen.pool().slice_from(b"read-only text").unwrap();
    assert_eq!(xen.hypercall(&ConsoleWrite::new(&text)), Ok(0));
    assert_eq!(xen.faults(), 1);
}

#[test]
fn a_nested_handle_is_checked_for_exactly_the_bytes_touched() {
    let xen = soft();
    // A 4-byte buffer for a count of 64: safe code cannot lend it.
    let mut small = xen.pool().slice::<u8>(4).unwrap();
    {
        let mut ask = ReadConsole::default();
        ask.set_count(64).unwrap();
        assert_eq!(
            ask.set_buffer(small.lend_mut()),
            Err(LendError::TooShort {
                field: "buffer",
                needs: 64,
                lent: 4
            })
        );
    }
    // An empty buffer is a buffer too short, not "no buffer": only
    // `Lent::none()` sets the null handle where Xen would touch elements
    // (Xen reads a null `ctxt` as "reset the vCPU", a null bitmap as "none
    // wanted").
    let mut empty = xen.pool().slice::<u8>(0).unwrap();
    {
        let mut ask = ReadConsole::default();
        ask.set_count(64).unwrap();
        assert_eq!(
            ask.set_buffer(empty.lend_mut()),
            Err(LendError::TooShort {
                field: "buffer",
                needs: 64,
                lent: 0
            })
        );
        ask.set_buffer(Lent::none()).unwrap();
        let mut no_context = xen
            .pool()
            .slice::<hcbuf_core::sys::arch::vcpu_guest_context_t>(0)
            .unwrap();
        let mut context = VcpuContext::default();
        assert!(matches!(
            context.set_ctxt(no_context.lend_mut()),
            Err(LendError::TooShort {
                needs: 1,
                lent: 0,
                ..
            })
        ));
        context.set_ctxt(Lent::none()).unwrap();
    }
    // With no count, an empty buffer fits (Xen touches nothing).
    ReadConsole::default().set_buffer(empty.lend_mut()).unwrap();
    let mut ask = ReadConsole::default();
    ask.set_count(64).unwrap();
    // Lent with an `unsafe` lie, the model refuses the bytes past the
    // allocation: the ring has more than 4 bytes.
    // SAFETY: a false claim on purpose (the handle reaches 4 bytes, not
    // 64), made only to the software Xen, which must refuse what lies past
    // the allocation; `small` outlives the call.
    let lie = unsafe { Lent::new(small.handle_mut(), 64) };
    ask.set_buffer(lie).unwrap();
    let (result, op) = sysctl(&xen, ask);
    assert_eq!(result, errno(XEN_EFAULT));
    assert_eq!(op.payload().count(), 64, "no copy back after a fault");
    assert_eq!(xen.faults(), 1);
    drop(op);
    // Lent at its size, it works.
    let mut ask = ReadConsole::default();
    ask.set_count(4).unwrap();
    ask.set_buffer(small.lend_mut()).unwrap();
    let (result, op) = sysctl(&xen, ask);
    result.unwrap();
    assert_eq!(op.payload().count(), 4);
    drop(op);
    assert_eq!(&small[..], b"(XEN");
    assert_eq!(xen.faults(), 1);
}

#[test]
fn injected_failures_come_first_and_are_counted() {
    let xen = soft();
    xen.fail_next(XenErrno(XEN_EAGAIN), 2);
    let mut extra = xen.pool().boxed::<ExtraVersion>().unwrap();
    for _ in 0..2 {
        let result = xen.hypercall(&Version {
            buf: extra.handle_mut(),
        });
        assert_eq!(result, errno(XEN_EAGAIN));
        assert_eq!(*extra, ExtraVersion::default(), "memory untouched");
    }
    xen.hypercall(&Version {
        buf: extra.handle_mut(),
    })
    .unwrap();
    assert_eq!(c_str(&*extra), ".7");
    assert_eq!((xen.injected_failures(), xen.faults()), (2, 0));

    xen.fail_next(XenErrno(XEN_EBUSY), 5);
    xen.fail_next(XenErrno(XEN_EBUSY), 0);
    assert_eq!(xen.hypercall(&VersionNumber::default()), Ok(0x4_0011));
}

#[test]
fn a_multicall_runs_every_entry_and_writes_each_result() {
    let xen = soft();
    let mut arg = xen
        .pool()
        .boxed_from(CurrentReservation::new(MemoryDomain { domid: DOMID_SELF }))
        .unwrap();
    let arg_addr = arg.handle_mut().addr();
    let memory_op = u64::from(__HYPERVISOR_memory_op);
    // SAFETY: the only address among the arguments is that of `arg`, a
    // pool box lent writable just above, which lives and is not touched
    // until the multicall has returned.
    let entries = unsafe {
        [
            MulticallEntry::new(u64::from(__HYPERVISOR_xen_version), [0; 6]),
            MulticallEntry::new(
                memory_op,
                [u64::from(XENMEM_current_reservation), arg_addr, 0, 0, 0, 0],
            ),
            MulticallEntry::new(60, [0; 6]),
            MulticallEntry::new(u64::from(__HYPERVISOR_multicall), [0; 6]),
            MulticallEntry::new(
                u64::from(__HYPERVISOR_xen_version),
                [u64::from(XENVER_extraversion), 0x1000, 0, 0, 0, 0],
            ),
        ]
    };
    let mut calls = xen.pool().slice_from(&entries).unwrap();
    let list = calls.handle_mut().addr();
    let entries_bytes = std::mem::size_of_val(&entries) as u64;
    let multicall = RawCall::<__HYPERVISOR_multicall>::new([list, entries.len() as u64, 0, 0, 0])
        .lending(list, entries_bytes, true)
        .lending(
            arg_addr,
            std::mem::size_of::<CurrentReservation>() as u64,
            true,
        );
    assert_eq!(xen.hypercall(&multicall), Ok(0));
    let results: Vec<i64> = calls.iter().map(|c| c.result as i64).collect();
    assert_eq!(
        results,
        [
            0x4_0011,
            262_144,
            -i64::from(XEN_ENOSYS),
            -i64::from(XEN_EINVAL),
            -i64::from(XEN_EFAULT),
        ],
        "version, reservation, no such call, no nesting, a bad address"
    );
    assert_eq!(xen.faults(), 1);
    drop(arg);

    // The wide path of `backend` is a one-entry multicall.
    let wide = hcbuf_core::backend::hypercall_wide(&xen, xen.pool(), &MaximumRamPage::new());
    assert_eq!(wide.unwrap(), MAX_RAM_PAGE);
}

#[test]
fn unknown_hypercalls_are_enosys() {
    let xen = soft();
    assert_eq!(
        xen.hypercall(&RawCall::<60>::new([0; 5])),
        errno(XEN_ENOSYS)
    );
    // Commands of the families that the model does not implement.
    assert_eq!(sysctl(&xen, AvailHeap::default()).0, errno(XEN_ENOSYS));
    assert_eq!(
        domctl(&xen, 0, SetDebugging::default()).0,
        errno(XEN_ENOSYS)
    );
}

#[test]
fn hypfs_reads_the_buildinfo_tree() {
    let xen = soft();
    assert_eq!(xen.hypercall(&HypfsGetVersion::new()), Ok(1));
    let read = |path: &str, size: usize| {
        let mut c_path = path.as_bytes().to_vec();
        c_path.push(0);
        let path = xen.pool().slice_from(&c_path).unwrap();
        let mut buf = xen.pool().slice::<u8>(size).unwrap();
        let result = xen.hypercall(&HypfsRead::new(&path, &mut buf));
        (result, buf.to_vec())
    };
    let header = |buf: &[u8]| {
        let len = u32::from_ne_bytes(buf[4..8].try_into().unwrap());
        (buf[0], len as usize)
    };
    let (result, buf) = read("/buildinfo/version/extra", 64);
    result.unwrap();
    assert_eq!(header(&buf), (XEN_HYPFS_TYPE_STRING, 3));
    assert_eq!(&buf[12..15], b".7\0");
    let (result, buf) = read("/buildinfo/version/major", 16);
    result.unwrap();
    assert_eq!(header(&buf), (XEN_HYPFS_TYPE_UINT, 4));
    assert_eq!(u32::from_ne_bytes(buf[12..16].try_into().unwrap()), 4);

    // A directory: entries of 14 bytes, then the name and its NUL padded
    // to 4 (`DIRENTRY_SIZE`): 14 + 8 for each of these names.
    let (result, buf) = read("/buildinfo/version", 256);
    result.unwrap();
    assert_eq!(header(&buf), (XEN_HYPFS_TYPE_DIR, 3 * 22));
    let list = &buf[12..];
    assert_eq!(list[0], XEN_HYPFS_TYPE_STRING, "extra");
    assert_eq!(u16::from_ne_bytes([list[12], list[13]]), 22, "off_next");
    assert_eq!(&list[14..20], b"extra\0");
    assert_eq!(list[22], XEN_HYPFS_TYPE_UINT, "major");
    assert_eq!(&list[22 + 14..22 + 20], b"major\0");
    assert_eq!(&list[44 + 14..44 + 20], b"minor\0");
    assert_eq!(u16::from_ne_bytes([list[56], list[57]]), 0, "the last");

    // Too small: the header only.
    let (result, buf) = read("/buildinfo/compileinfo/compiler", 16);
    assert_eq!(result, errno(XEN_ENOBUFS));
    assert_eq!(header(&buf).1, 55);
    assert_eq!(read("/buildinfo/nothing", 64).0, errno(XEN_ENOENT));
    assert_eq!(read("buildinfo", 64).0, errno(XEN_EINVAL));
    assert_eq!(read("/", 64).0, Ok(0));
    assert_eq!(xen.faults(), 0);
}

#[test]
fn the_typed_api_runs_on_the_model() {
    let soft = soft();
    let pool = soft.pool().clone();
    let xen = hcbuf_core::api::Xen::new(soft, pool);
    let v = xen.version().unwrap();
    assert_eq!((v.major, v.minor, v.extra.as_str()), (4, 17, ".7"));
    assert_eq!(xen.build_id().unwrap().len(), 20);
    let domains = xen.domains().unwrap();
    assert_eq!(domains.len(), 1);
    assert_eq!(domains[0].state.letters(), "r-----");
    assert_eq!(xen.current_reservation(0).unwrap(), DOM0_PAGES);
    xen.console_write(b"via the api\n").unwrap();
    let mut index = 0;
    let text = xen.console_read(&mut index, false, false).unwrap();
    assert!(text.ends_with(b"via the api\n"));
    assert_eq!(xen.backend().faults(), 0);
    assert_eq!(xen.pool().stats().live(), 0);
}

#[test]
fn a_payload_that_lends_buffers_is_issued_once() {
    let xen = soft_with(HostConfig::default().cpus(2, 2, 2));
    let mut topo = xen.pool().slice::<CpuTopo>(8).unwrap();
    let mut ask = CpuTopoInfo::default();
    ask.set_num_cpus(8).unwrap();
    ask.set_cputopo(topo.lend_mut()).unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), ask).unwrap();
    assert_eq!(xen.hypercall(&op.call()), Ok(0));
    assert_eq!(op.payload().num_cpus(), 8);
    // Xen may have rewritten a count past the buffer (a sizing answer):
    // issued again as it is, the buffer is refused before Xen reads it.
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_EACCES));
    drop(op);

    // A payload with no handle is issued again as it is.
    let mut info = Op::sysctl(Release::Xen4_17, xen.pool(), PhysInfo::default()).unwrap();
    assert_eq!(xen.hypercall(&info.call()), Ok(0));
    assert_eq!(xen.hypercall(&info.call()), Ok(0));
    assert_eq!(info.payload().nr_cpus, 8);
}

#[test]
fn a_memory_op_payload_forgets_its_buffers_after_the_call() {
    let xen = soft();
    let mut table = xen.pool().slice::<E820Entry>(8).unwrap();
    let mut map = MemoryMap::default();
    map.set_nr_entries(8).unwrap();
    map.set_buffer(table.lend_mut()).unwrap();
    let arg = xen.pool().boxed_from(MachineMemoryMap::new(map)).unwrap();
    let call = CmdCall::new(arg);
    xen.hypercall(&call).unwrap();
    // The same call issued again lowers a null pointer: Xen reads nothing.
    assert_eq!(xen.hypercall(&call), errno(XEN_EFAULT));
    let arg = call.into_payload();
    assert_eq!(arg.nr_entries(), 7);
    assert!(arg.buffer().is_null(), "the handle is forgotten");
    // Issued again in a new call, it lends nothing: Xen answers the count.
    let mut call = CmdCall::new(arg);
    xen.hypercall(&call).unwrap();
    assert_eq!(call.payload().nr_entries(), 7);
    drop(call);
    assert_eq!(table[3].region_type(), E820_RAM);
}

/// Pool buffers on either side of a call's buffers: a pattern the caller
/// reads across the call.
fn neighbours(xen: &SoftXen) -> Vec<PoolSlice<'_, u8>> {
    (0..6)
        .map(|i| {
            let mut n = xen.pool().slice::<u8>(16 << (i % 3)).unwrap();
            n.iter_mut()
                .enumerate()
                .for_each(|(j, b)| *b = (j as u8) ^ 0xa5);
            n
        })
        .collect()
}

fn untouched(neighbours: &[PoolSlice<'_, u8>]) {
    for n in neighbours {
        assert!(
            n.iter().enumerate().all(|(j, &b)| b == (j as u8) ^ 0xa5),
            "a neighbouring buffer changed"
        );
    }
}

#[test]
fn neighbouring_buffers_are_unchanged_across_calls() {
    let xen = soft_with(HostConfig::default().cpus(2, 2, 2).nodes(2));
    let before = neighbours(&xen);
    // Each buffer exactly as long as its counts: Xen fills it, no more.
    let mut text = xen.pool().slice::<u8>(16).unwrap();
    let mut dist = xen.pool().slice::<u32>(4).unwrap();
    let mut mem = xen.pool().slice::<MemInfo>(2).unwrap();
    let after = neighbours(&xen);
    let mut ask = ReadConsole::default();
    ask.set_count(16).unwrap();
    ask.set_buffer(text.lend_mut()).unwrap();
    assert_eq!(sysctl(&xen, ask).0, Ok(0));
    let mut ask = NumaInfo::default();
    ask.set_num_nodes(2).unwrap();
    ask.set_meminfo(mem.lend_mut()).unwrap();
    ask.set_distance(dist.lend_mut()).unwrap();
    assert_eq!(sysctl(&xen, ask).0, Ok(0));
    let read = ConsoleRead::new(&mut text);
    assert_eq!(read.count(), 16);
    assert_eq!(xen.hypercall(&read), Ok(0));
    untouched(&before);
    untouched(&after);
    assert_eq!(&text[..5], b"(XEN)");
    assert_eq!(xen.faults(), 0);
}

#[test]
fn debug_keys_press_each_key_in_turn_and_fault_at_the_first_unlent_one() {
    let xen = soft();
    let ring = |xen: &SoftXen| {
        let mut buf = xen.pool().slice::<u8>(16 << 10).unwrap();
        let mut ask = ReadConsole::default();
        ask.set_count(16 << 10).unwrap();
        ask.set_buffer(buf.lend_mut()).unwrap();
        let (result, op) = sysctl(xen, ask);
        result.unwrap();
        let n = op.payload().count() as usize;
        drop(op);
        String::from_utf8(buf[..n].to_vec()).unwrap()
    };
    let before = ring(&xen);
    // `x` has no handler: ignored; `h` lists the handlers.
    let keys = xen.pool().slice_from(b"xh").unwrap();
    let mut ask = DebugKeys::default();
    ask.set_nr_keys(2).unwrap();
    ask.set_keys(keys.lend()).unwrap();
    let (result, op) = sysctl(&xen, ask);
    assert_eq!(result, Ok(0));
    drop(op);
    let once = ring(&xen);
    let list = once[before.len()..].to_owned();
    assert!(
        list.starts_with("(XEN) 'h' pressed -> showing installed handlers\n"),
        "{list}"
    );
    assert_eq!(xen.faults(), 0);

    // Four keys claimed, two lent: Xen reads them one at a time, so both
    // are pressed before the third faults.
    let mut ask = DebugKeys::default();
    ask.set_nr_keys(4).unwrap();
    // SAFETY: a false claim on purpose (the handle reaches 2 bytes, not
    // 4), made only to the software Xen, which must refuse what lies past
    // the allocation; `keys` outlives the call.
    let lie = unsafe { Lent::new(keys.handle(), 4) };
    ask.set_keys(lie).unwrap();
    let (result, op) = sysctl(&xen, ask);
    assert_eq!(result, errno(XEN_EFAULT));
    drop(op);
    assert_eq!(xen.faults(), 1);
    assert_eq!(ring(&xen), format!("{once}{list}"));
}
