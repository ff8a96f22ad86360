//! Every typed definition of `hcbuf_core::xen` builds, goes into its
//! family's buffer in pool memory, and lowers to a call.

use hcbuf_core::dispatch::Recording;
use hcbuf_core::xen::{Op, domctl::*, sysctl::*, version::*};
use hcbuf_core::{Backend, GuestHandleMut, Pool, SubOp};

fn sysctl<P: SubOp<Family = hcbuf_core::args::family::Sysctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::sysctl(pool, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn domctl<P: SubOp<Family = hcbuf_core::args::family::Domctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::domctl(pool, 1, p).unwrap();
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
    sysctl(&pool, &xen, ReadConsole { buffer: text.handle_mut(), count: 4096, ..Default::default() });
    sysctl(&pool, &xen, PhysInfo::default());
    let mut domains = pool.slice::<GetDomainInfo>(16).unwrap();
    sysctl(&pool, &xen, GetDomainInfoList { max_domains: 16, buffer: domains.handle_mut(), ..Default::default() });
    sysctl(&pool, &xen, SchedId::default());
    let mut topo = pool.slice::<CpuTopo>(8).unwrap();
    sysctl(&pool, &xen, CpuTopoInfo { num_cpus: 8, cputopo: topo.handle_mut(), ..Default::default() });
    let mut mem = pool.slice::<MemInfo>(2).unwrap();
    let mut dist = pool.slice::<u32>(4).unwrap();
    sysctl(&pool, &xen, NumaInfo { num_nodes: 2, meminfo: mem.handle_mut(), distance: dist.handle_mut(), ..Default::default() });
    let mut idle = pool.slice::<CpuInfo>(8).unwrap();
    sysctl(&pool, &xen, GetCpuInfo { max_cpus: 8, info: idle.handle_mut(), ..Default::default() });

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
