//! Every typed definition of `hcbuf_core::xen` builds (counts set, then
//! buffers lent that hold them), goes into its family's buffer in pool
//! memory, and lowers to a call.

use hcbuf_core::Release;
use hcbuf_core::backend::Recording;
use hcbuf_core::xen::{Op, domctl::*, sysctl::*, version::*};
use hcbuf_core::{Backend, GuestHandleMut, Pool, SubOp};

fn sysctl<P: SubOp<Family = hcbuf_core::args::family::Sysctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::sysctl(Release::Xen4_17, pool, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn domctl<P: SubOp<Family = hcbuf_core::args::family::Domctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::domctl(Release::Xen4_17, pool, 1, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn version<P: SubOp<Family = hcbuf_core::args::family::XenVersion>>(pool: &Pool, xen: &Recording) {
    let mut buf = pool.boxed::<P>().unwrap();
    xen.hypercall(&Version { buf: buf.handle_mut() }).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    let mut text = pool.slice::<u8>(4096).unwrap();
    let mut console = ReadConsole::default();
    console.set_count(4096).unwrap();
    console.set_buffer(text.lend_mut()).unwrap();
    assert_eq!(console.count(), 4096);
    sysctl(&pool, &xen, console);
    sysctl(&pool, &xen, PhysInfo::default());
    let mut domains = pool.slice::<GetDomainInfo>(16).unwrap();
    let mut list = GetDomainInfoList::default();
    list.set_max_domains(16).unwrap();
    list.set_buffer(domains.lend_mut()).unwrap();
    sysctl(&pool, &xen, list);
    sysctl(&pool, &xen, SchedId::default());
    let mut topo = pool.slice::<CpuTopo>(8).unwrap();
    let mut cputopo = CpuTopoInfo::default();
    cputopo.set_num_cpus(8).unwrap();
    cputopo.set_cputopo(topo.lend_mut()).unwrap();
    sysctl(&pool, &xen, cputopo);
    let mut mem = pool.slice::<MemInfo>(2).unwrap();
    let mut dist = pool.slice::<u32>(4).unwrap();
    let mut numa = NumaInfo::default();
    numa.set_num_nodes(2).unwrap();
    numa.set_meminfo(mem.lend_mut()).unwrap();
    numa.set_distance(dist.lend_mut()).unwrap();
    sysctl(&pool, &xen, numa);
    let mut idle = pool.slice::<CpuInfo>(8).unwrap();
    let mut cpuinfo = GetCpuInfo::default();
    cpuinfo.set_max_cpus(8).unwrap();
    cpuinfo.set_info(idle.lend_mut()).unwrap();
    sysctl(&pool, &xen, cpuinfo);

    domctl(&pool, &xen, CreateDomain::default());
    domctl(&pool, &xen, GetDomainInfo::default());
    domctl(&pool, &xen, MaxMem { max_memkb: 1 << 20 });
    domctl(&pool, &xen, MaxVcpus { max: 2 });
    domctl(&pool, &xen, GetVcpuInfo::default());
    domctl(&pool, &xen, DestroyDomain {});
    domctl(&pool, &xen, PauseDomain {});
    domctl(&pool, &xen, UnpauseDomain {});

    version::<ExtraVersion>(&pool, &xen);
    version::<CompileInfo>(&pool, &xen);
    version::<Capabilities>(&pool, &xen);
    version::<CommandLine>(&pool, &xen);
    version::<Changeset>(&pool, &xen);
    version::<PlatformParameters>(&pool, &xen);
    version::<FeatureInfo>(&pool, &xen);
    xen.hypercall(&VersionNumber::default()).unwrap();
    let _null: GuestHandleMut<'_, u8> = GuestHandleMut::null();

    assert_eq!(xen.calls().len(), 7 + 8 + 7 + 1);
}
