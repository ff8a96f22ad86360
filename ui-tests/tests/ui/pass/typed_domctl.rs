//! Every typed `domctl` payload builds (nested unions through their
//! constructors; counts set first, then buffers lent from the pool with
//! the direction Xen uses them in, each as long as the counts make Xen
//! touch), goes into a `domctl` buffer in pool memory, and lowers to a
//! call.

use hcbuf_core::Release;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::domctl::*;
use hcbuf_core::xen::sysctl::Bitmap;
use hcbuf_core::xen::{Op, domctl::*};
use hcbuf_core::{Backend, Pool, SubOp};

fn domctl<P: SubOp<Family = hcbuf_core::args::family::Domctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::domctl(Release::Xen4_17, pool, 1, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    // Buffers Xen writes.
    let mut pfns = pool.slice::<u64>(4).unwrap();
    let mut frames = GetPageFrameInfo3::default();
    frames.set_num(4).unwrap();
    frames.set_array(pfns.lend_mut()).unwrap();
    domctl(&pool, &xen, frames);
    let mut dirty = pool.slice::<u8>(64).unwrap();
    let mut shadow = ShadowOp::default();
    shadow.op = XEN_DOMCTL_SHADOW_OP_PEEK;
    shadow.set_pages(512).unwrap();
    shadow.set_dirty_bitmap(dirty.lend_mut()).unwrap();
    domctl(&pool, &xen, shadow);
    // One whole `vcpu_guest_context` (x86_64: 5168 bytes).
    let mut ctxt = pool.slice::<hcbuf_core::sys::arch::vcpu_guest_context_t>(1).unwrap();
    let mut context = VcpuContext::default();
    context.vcpu = 0;
    context.set_ctxt(ctxt.lend_mut()).unwrap();
    domctl(&pool, &xen, GetVcpuContext::new(context));
    let mut context = VcpuContext::default();
    context.vcpu = 0;
    context.set_ctxt(ctxt.lend_mut()).unwrap();
    domctl(&pool, &xen, SetVcpuContext::new(context));

    // The scheduler: domain-wide, then per vCPU.
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let credit = unsafe { SchedulerOpU::credit(SchedCredit { weight: 256, cap: 0 }) };
    assert_eq!(credit.as_credit().weight, 256);
    assert_eq!(credit.as_bytes()[4..], [0; 12]);
    domctl(&pool, &xen, SchedulerOp { sched_id: XEN_SCHEDULER_CREDIT, cmd: XEN_DOMCTL_SCHEDOP_getinfo, u: credit });
    let mut params = pool.slice::<SchedParamVcpu<'static>>(2).unwrap();
    params[1] = SchedParamVcpu { u: SchedParamVcpuU::rtds(SchedRtds { period: 10_000, budget: 4_000, flags: 0 }), vcpuid: 1 };
    assert_eq!(params[1].u.as_rtds().budget, 4_000);
    let mut per_vcpu = SchedulerOpV::default();
    per_vcpu.padding = 0;
    per_vcpu.set_nr_vcpus(2).unwrap();
    per_vcpu.set_vcpus(params.lend_mut()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let v = unsafe { SchedulerOpU::v(per_vcpu) };
    // SAFETY: built by `SchedulerOpU::v`.
    assert_eq!(unsafe { v.as_v() }.nr_vcpus(), 2);
    domctl(&pool, &xen, SchedulerOp { sched_id: XEN_SCHEDULER_RTDS, cmd: XEN_DOMCTL_SCHEDOP_getvcpuinfo, u: v });

    domctl(&pool, &xen, SetDomainHandle { handle: [7; 16] });
    domctl(&pool, &xen, SetDebugging { enable: 1 });
    domctl(&pool, &xen, IrqPermission { pirq: 5, allow_access: 1, pad: [0; 3] });
    domctl(&pool, &xen, IomemPermission { first_mfn: 0xfee00, nr_mfns: 1, allow_access: 1, ..Default::default() });
    domctl(&pool, &xen, IoportPermission { first_port: 0x3f8, nr_ports: 8, allow_access: 1, ..Default::default() });
    domctl(&pool, &xen, HypercallInit { gmfn: 0x1000 });
    domctl(&pool, &xen, SetTimeOffset { time_offset_seconds: -3600 });

    let mut hvm = pool.slice::<u8>(1024).unwrap();
    let mut context = HvmContext::default();
    context.set_size(1024).unwrap();
    context.set_buffer(hvm.lend_mut()).unwrap();
    domctl(&pool, &xen, GetHvmContext::new(context));
    let mut context = HvmContext::default();
    context.set_size(1024).unwrap();
    context.set_buffer(hvm.lend_mut()).unwrap();
    domctl(&pool, &xen, SetHvmContext::new(context));
    let mut partial = HvmContextPartial::default();
    partial.r#type = 1;
    partial.instance = 0;
    partial.set_bufsz(1024).unwrap();
    partial.set_buffer(hvm.lend_mut()).unwrap();
    domctl(&pool, &xen, partial);
    domctl(&pool, &xen, SetAddressSize::new(AddressSize { size: 64 }));
    domctl(&pool, &xen, GetAddressSize::default());
    domctl(&pool, &xen, SendTrigger { trigger: XEN_DOMCTL_SENDTRIGGER_NMI, vcpu: 0 });

    // Devices: by PCI id, and by device tree path (which Xen only reads).
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let pci = unsafe { AssignDeviceU::pci(AssignDevicePci { machine_sbdf: 0x0300 }) };
    domctl(&pool, &xen, AssignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_PCI, flags: 0, u: pci }));
    domctl(&pool, &xen, TestAssignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_PCI, flags: 0, u: pci }));
    let mut path = pool.slice::<u8>(16).unwrap();
    path.copy_from_slice(b"/soc/serial@1000");
    let mut node = AssignDeviceDt::default();
    node.set_size(16).unwrap();
    node.set_path(path.lend()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let dt = unsafe { AssignDeviceU::dt(node) };
    // SAFETY: `dt` was built holding its `dt` member.
    assert_eq!(unsafe { dt.as_dt() }.size(), 16);
    domctl(&pool, &xen, DeassignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_DT, flags: 0, u: dt }));
    let mut sdevs = pool.slice::<u32>(8).unwrap();
    let mut group = GetDeviceGroup::default();
    group.machine_sbdf = 0x0300;
    group.set_max_sdevs(8).unwrap();
    group.set_sdev_array(sdevs.lend_mut()).unwrap();
    domctl(&pool, &xen, group);

    let msi = BindPtIrqU::msi(BindPtIrqMsi { gvec: 0x30, gflags: 0, gtable: 0, ..Default::default() });
    domctl(&pool, &xen, BindPtIrq::new(BindPtIrqPayload { machine_irq: 40, irq_type: PT_IRQ_TYPE_MSI, u: msi }));
    let isa = BindPtIrqU::isa(BindPtIrqIsa { isa_irq: 4 });
    assert_ne!(isa, msi);
    domctl(&pool, &xen, UnbindPtIrq::new(BindPtIrqPayload { machine_irq: 40, irq_type: PT_IRQ_TYPE_ISA, u: isa }));
    domctl(&pool, &xen, MemoryMapping { first_gfn: 0xf0000, first_mfn: 0xf0000, nr_mfns: 16, add_mapping: DPCI_ADD_MAPPING, padding: 0 });
    domctl(&pool, &xen, IoportMapping { first_gport: 0x3f8, first_mport: 0x3f8, nr_ports: 8, add_mapping: DPCI_ADD_MAPPING });
    domctl(&pool, &xen, SetTarget { target: 2 });

    // `xen_cpuid_leaf_t` and `xen_msr_entry_t` entries.
    let mut leaves = pool.slice::<[u32; 6]>(4).unwrap();
    let mut msrs = pool.slice::<[u64; 2]>(4).unwrap();
    let mut policy = CpuPolicy::default();
    policy.set_nr_leaves(4).unwrap();
    policy.set_nr_msrs(4).unwrap();
    policy.set_leaves(leaves.lend_mut()).unwrap();
    policy.set_msrs(msrs.lend_mut()).unwrap();
    domctl(&pool, &xen, GetCpuPolicy::new(policy));
    let mut policy = CpuPolicy::default();
    policy.set_nr_leaves(4).unwrap();
    policy.set_nr_msrs(4).unwrap();
    policy.set_leaves(leaves.lend_mut()).unwrap();
    policy.set_msrs(msrs.lend_mut()).unwrap();
    domctl(&pool, &xen, SetCpuPolicy::new(policy));
    domctl(&pool, &xen, Subscribe { port: 3 });
    domctl(&pool, &xen, DebugOp { op: XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON, vcpu: 0 });
    domctl(&pool, &xen, GetTscInfo::default());
    domctl(&pool, &xen, SetTscInfo::new(TscInfo { tsc_mode: 1, gtsc_khz: 2_000_000, ..Default::default() }));

    let mut mem = pool.slice::<u8>(64).unwrap();
    let mut memio = GdbsxMemio::default();
    memio.gva = 0xffff_8000_0000_0000;
    memio.set_len(64).unwrap();
    memio.set_uva(mem.lend_mut()).unwrap();
    domctl(&pool, &xen, memio);
    domctl(&pool, &xen, GdbsxPauseVcpu::new(GdbsxPauseUnpauseVcpu { vcpu: 0 }));
    domctl(&pool, &xen, GdbsxUnpauseVcpu::new(GdbsxPauseUnpauseVcpu { vcpu: 0 }));
    domctl(&pool, &xen, GdbsxDomStatus::default());

    let enable = VmEventOpU::enable(VmEventOpEnable { port: 0 });
    domctl(&pool, &xen, VmEventOp { op: XEN_VM_EVENT_ENABLE, mode: XEN_DOMCTL_VM_EVENT_OP_MONITOR, u: enable });
    domctl(&pool, &xen, MemSharingOp { op: XEN_DOMCTL_MEM_SHARING_CONTROL, u: MemSharingOpU::enable(1) });
    domctl(&pool, &xen, AuditP2m::default());
    domctl(&pool, &xen, SetVirqHandler { virq: 3 });

    let mut xsave = pool.slice::<u8>(1024).unwrap();
    let mut state = VcpuExtState::default();
    state.vcpu = 0;
    state.set_size(1024).unwrap();
    state.set_buffer(xsave.lend_mut()).unwrap();
    domctl(&pool, &xen, GetVcpuExtState::new(state));
    let mut state = VcpuExtState::default();
    state.vcpu = 0;
    state.set_size(1024).unwrap();
    state.set_buffer(xsave.lend_mut()).unwrap();
    domctl(&pool, &xen, SetVcpuExtState::new(state));
    domctl(&pool, &xen, SetAccessRequired { access_required: 1 });
    domctl(&pool, &xen, SetBrokenPageP2m { pfn: 0x1234 });
    domctl(&pool, &xen, CacheFlush { start_pfn: 0x8000, nr_pfns: 16 });
    domctl(&pool, &xen, GetPagingMempoolSize::default());
    domctl(&pool, &xen, SetPagingMempoolSize::new(PagingMempool { size: 16 << 20 }));

    let mut vcpu_msrs = pool.slice::<VcpuMsr>(4).unwrap();
    let mut msrs = VcpuMsrs::default();
    msrs.vcpu = 0;
    msrs.set_msr_count(4).unwrap();
    msrs.set_msrs(vcpu_msrs.lend_mut()).unwrap();
    domctl(&pool, &xen, GetVcpuMsrs::new(msrs));
    let mut msrs = VcpuMsrs::default();
    msrs.vcpu = 0;
    msrs.set_msr_count(4).unwrap();
    msrs.set_msrs(vcpu_msrs.lend_mut()).unwrap();
    domctl(&pool, &xen, SetVcpuMsrs::new(msrs));

    let mut distance = pool.slice::<u32>(4).unwrap();
    distance.copy_from_slice(&[10, 20, 20, 10]);
    let vcpu_to_vnode = pool.slice::<u32>(2).unwrap();
    let vnode_to_pnode = pool.slice::<u32>(2).unwrap();
    let mut ranges = pool.slice::<hcbuf_core::xen::memory::VMemRange>(2).unwrap();
    ranges[1] = hcbuf_core::xen::memory::VMemRange { start: 1 << 30, end: 2 << 30, flags: 0, nid: 1 };
    let mut vnuma = Vnuma::default();
    vnuma.pad = 0;
    vnuma.set_nr_vnodes(2).unwrap();
    vnuma.set_nr_vmemranges(2).unwrap();
    vnuma.set_nr_vcpus(2).unwrap();
    vnuma.set_vdistance(distance.lend()).unwrap();
    vnuma.set_vcpu_to_vnode(vcpu_to_vnode.lend()).unwrap();
    vnuma.set_vnode_to_pnode(vnode_to_pnode.lend()).unwrap();
    vnuma.set_vmemrange(ranges.lend()).unwrap();
    domctl(&pool, &xen, vnuma);
    domctl(&pool, &xen, PsrCmtOp { cmd: XEN_DOMCTL_PSR_CMT_OP_ATTACH, data: 0 });

    let cr = MonitorOpU::mov_to_cr(MonitorOpMovToCr { index: 3, sync: 1, onchangeonly: 1, bitmask: !0, ..Default::default() });
    assert_eq!(cr.as_mov_to_cr().bitmask, !0);
    domctl(&pool, &xen, MonitorOp { op: XEN_DOMCTL_MONITOR_OP_ENABLE, event: XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG, u: cr });
    let msr = MonitorOpU::mov_to_msr(MonitorOpMovToMsr { msr: 0xc000_0080, onchangeonly: 1, ..Default::default() });
    domctl(&pool, &xen, MonitorOp { op: XEN_DOMCTL_MONITOR_OP_ENABLE, event: XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR, u: msr });
    domctl(&pool, &xen, PsrAlloc { cmd: XEN_DOMCTL_PSR_GET_L3_CBM, target: 0, data: 0 });
    domctl(&pool, &xen, VuartOp { cmd: XEN_DOMCTL_VUART_OP_INIT, r#type: XEN_DOMCTL_VUART_TYPE_VPL011, gfn: 0x4000, console_domid: 0, ..Default::default() });
    domctl(&pool, &xen, VmtraceOp { cmd: XEN_DOMCTL_vmtrace_enable, vcpu: 0, key: 0, value: 0 });

    // Placement: vCPU and node affinity, each a pair of bitmaps Xen fills.
    let (mut hard, mut soft) = (pool.slice::<u8>(8).unwrap(), pool.slice::<u8>(8).unwrap());
    let mut cpumap_hard = Bitmap::default();
    cpumap_hard.set_nr_bits(64).unwrap();
    cpumap_hard.set_bitmap(hard.lend_mut()).unwrap();
    let mut cpumap_soft = Bitmap::default();
    cpumap_soft.set_nr_bits(64).unwrap();
    cpumap_soft.set_bitmap(soft.lend_mut()).unwrap();
    domctl(&pool, &xen, GetVcpuAffinity::new(VcpuAffinity {
        vcpu: 0,
        flags: XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
        cpumap_hard,
        cpumap_soft,
    }));
    let mut nodes = pool.slice::<u8>(8).unwrap();
    let mut nodemap = Bitmap::default();
    nodemap.set_nr_bits(64).unwrap();
    nodemap.set_bitmap(nodes.lend_mut()).unwrap();
    domctl(&pool, &xen, SetNodeAffinity::new(NodeAffinity { nodemap }));
    domctl(&pool, &xen, GetExtVcpuContext::new(ExtVcpuContext { vcpu: 0, size: 64, ..Default::default() }));

    domctl(&pool, &xen, ResumeDomain {});
    domctl(&pool, &xen, SoftReset {});

    // What Xen wrote is read back through the buffer.
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let op = Op::domctl(Release::Xen4_17, &pool, 1, SchedulerOp { u: unsafe { SchedulerOpU::rtds(SchedRtds::default()) }, ..Default::default() }).unwrap();
    assert_eq!(op.payload().u.as_rtds(), &SchedRtds::default());

    assert_eq!(xen.calls().len(), 63);
}
