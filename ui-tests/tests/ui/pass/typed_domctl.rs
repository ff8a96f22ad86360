//! Every typed `domctl` payload builds (nested unions through their
//! constructors, buffers borrowed from the pool with the direction Xen
//! uses them in), goes into a `domctl` buffer in pool memory, and lowers
//! to a call.

use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::domctl::*;
use hcbuf_core::xen::{Op, domctl::*};
use hcbuf_core::{Backend, Pool, SubOp};

fn domctl<P: SubOp<Family = hcbuf_core::args::family::Domctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::domctl(pool, 1, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    // Buffers Xen writes.
    let mut pfns = pool.slice::<u64>(4).unwrap();
    domctl(&pool, &xen, GetPageFrameInfo3 { num: 4, array: pfns.handle_mut() });
    let mut dirty = pool.slice::<u8>(64).unwrap();
    domctl(&pool, &xen, ShadowOp {
        op: XEN_DOMCTL_SHADOW_OP_PEEK,
        dirty_bitmap: dirty.handle_mut(),
        pages: 512,
        ..Default::default()
    });
    let mut ctxt = pool.slice::<u8>(4096).unwrap();
    domctl(&pool, &xen, GetVcpuContext::new(VcpuContext { vcpu: 0, ctxt: ctxt.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, SetVcpuContext::new(VcpuContext { vcpu: 0, ctxt: ctxt.handle_mut(), ..Default::default() }));

    // The scheduler: domain-wide, then per vCPU.
    let credit = SchedulerOpU::credit(SchedCredit { weight: 256, cap: 0 });
    assert_eq!(credit.as_credit().weight, 256);
    assert_eq!(credit.as_bytes()[4..], [0; 12]);
    domctl(&pool, &xen, SchedulerOp { sched_id: XEN_SCHEDULER_CREDIT, cmd: XEN_DOMCTL_SCHEDOP_getinfo, u: credit });
    let mut params = pool.slice::<SchedParamVcpu<'static>>(2).unwrap();
    params[1] = SchedParamVcpu { u: SchedParamVcpuU::rtds(SchedRtds { period: 10_000, budget: 4_000, flags: 0 }), vcpuid: 1 };
    assert_eq!(params[1].u.as_rtds().budget, 4_000);
    let v = SchedulerOpU::v(SchedulerOpV { vcpus: params.handle_mut(), nr_vcpus: 2, padding: 0 });
    // SAFETY: built by `SchedulerOpU::v`.
    assert_eq!(unsafe { v.as_v() }.nr_vcpus, 2);
    domctl(&pool, &xen, SchedulerOp { sched_id: XEN_SCHEDULER_RTDS, cmd: XEN_DOMCTL_SCHEDOP_getvcpuinfo, u: v });

    domctl(&pool, &xen, SetDomainHandle { handle: [7; 16] });
    domctl(&pool, &xen, SetDebugging { enable: 1 });
    domctl(&pool, &xen, IrqPermission { pirq: 5, allow_access: 1, pad: [0; 3] });
    domctl(&pool, &xen, IomemPermission { first_mfn: 0xfee00, nr_mfns: 1, allow_access: 1, ..Default::default() });
    domctl(&pool, &xen, IoportPermission { first_port: 0x3f8, nr_ports: 8, allow_access: 1, ..Default::default() });
    domctl(&pool, &xen, HypercallInit { gmfn: 0x1000 });
    domctl(&pool, &xen, SetTimeOffset { time_offset_seconds: -3600 });

    let mut hvm = pool.slice::<u8>(1024).unwrap();
    domctl(&pool, &xen, GetHvmContext::new(HvmContext { size: 1024, buffer: hvm.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, SetHvmContext::new(HvmContext { size: 1024, buffer: hvm.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, HvmContextPartial { r#type: 1, instance: 0, bufsz: 1024, buffer: hvm.handle_mut() });
    domctl(&pool, &xen, SetAddressSize::new(AddressSize { size: 64 }));
    domctl(&pool, &xen, GetAddressSize::default());
    domctl(&pool, &xen, SendTrigger { trigger: XEN_DOMCTL_SENDTRIGGER_NMI, vcpu: 0 });

    // Devices: by PCI id, and by device tree path (which Xen only reads).
    let pci = AssignDeviceU::pci(AssignDevicePci { machine_sbdf: 0x0300 });
    domctl(&pool, &xen, AssignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_PCI, flags: 0, u: pci }));
    domctl(&pool, &xen, TestAssignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_PCI, flags: 0, u: pci }));
    let mut path = pool.slice::<u8>(16).unwrap();
    path.copy_from_slice(b"/soc/serial@1000");
    let dt = AssignDeviceU::dt(AssignDeviceDt { size: 16, path: path.handle(), ..Default::default() });
    // SAFETY: `dt` was built holding its `dt` member.
    assert_eq!(unsafe { dt.as_dt() }.size, 16);
    domctl(&pool, &xen, DeassignDevice::new(AssignDevicePayload { dev: XEN_DOMCTL_DEV_DT, flags: 0, u: dt }));
    let mut sdevs = pool.slice::<u32>(8).unwrap();
    domctl(&pool, &xen, GetDeviceGroup { machine_sbdf: 0x0300, max_sdevs: 8, sdev_array: sdevs.handle_mut(), ..Default::default() });

    let msi = BindPtIrqU::msi(BindPtIrqMsi { gvec: 0x30, gflags: 0, gtable: 0, ..Default::default() });
    domctl(&pool, &xen, BindPtIrq::new(BindPtIrqPayload { machine_irq: 40, irq_type: PT_IRQ_TYPE_MSI, u: msi }));
    let isa = BindPtIrqU::isa(BindPtIrqIsa { isa_irq: 4 });
    assert_ne!(isa, msi);
    domctl(&pool, &xen, UnbindPtIrq::new(BindPtIrqPayload { machine_irq: 40, irq_type: PT_IRQ_TYPE_ISA, u: isa }));
    domctl(&pool, &xen, MemoryMapping { first_gfn: 0xf0000, first_mfn: 0xf0000, nr_mfns: 16, add_mapping: DPCI_ADD_MAPPING, padding: 0 });
    domctl(&pool, &xen, IoportMapping { first_gport: 0x3f8, first_mport: 0x3f8, nr_ports: 8, add_mapping: DPCI_ADD_MAPPING });
    domctl(&pool, &xen, SetTarget { target: 2 });

    let mut leaves = pool.slice::<u8>(24 * 4).unwrap();
    let mut msrs = pool.slice::<u8>(16 * 4).unwrap();
    domctl(&pool, &xen, GetCpuPolicy::new(CpuPolicy { nr_leaves: 4, nr_msrs: 4, leaves: leaves.handle_mut(), msrs: msrs.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, SetCpuPolicy::new(CpuPolicy { nr_leaves: 4, nr_msrs: 4, leaves: leaves.handle_mut(), msrs: msrs.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, Subscribe { port: 3 });
    domctl(&pool, &xen, DebugOp { op: XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON, vcpu: 0 });
    domctl(&pool, &xen, GetTscInfo::default());
    domctl(&pool, &xen, SetTscInfo::new(TscInfo { tsc_mode: 1, gtsc_khz: 2_000_000, ..Default::default() }));

    let mut mem = pool.slice::<u8>(64).unwrap();
    domctl(&pool, &xen, GdbsxMemio { gva: 0xffff_8000_0000_0000, uva: mem.handle_mut(), len: 64, ..Default::default() });
    domctl(&pool, &xen, GdbsxPauseVcpu::new(GdbsxPauseUnpauseVcpu { vcpu: 0 }));
    domctl(&pool, &xen, GdbsxUnpauseVcpu::new(GdbsxPauseUnpauseVcpu { vcpu: 0 }));
    domctl(&pool, &xen, GdbsxDomStatus::default());

    let enable = VmEventOpU::enable(VmEventOpEnable { port: 0 });
    domctl(&pool, &xen, VmEventOp { op: XEN_VM_EVENT_ENABLE, mode: XEN_DOMCTL_VM_EVENT_OP_MONITOR, u: enable });
    domctl(&pool, &xen, MemSharingOp { op: XEN_DOMCTL_MEM_SHARING_CONTROL, u: MemSharingOpU::enable(1) });
    domctl(&pool, &xen, AuditP2m::default());
    domctl(&pool, &xen, SetVirqHandler { virq: 3 });

    let mut xsave = pool.slice::<u64>(128).unwrap();
    domctl(&pool, &xen, GetVcpuExtState::new(VcpuExtState { vcpu: 0, size: 1024, buffer: xsave.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, SetVcpuExtState::new(VcpuExtState { vcpu: 0, size: 1024, buffer: xsave.handle_mut(), ..Default::default() }));
    domctl(&pool, &xen, SetAccessRequired { access_required: 1 });
    domctl(&pool, &xen, SetBrokenPageP2m { pfn: 0x1234 });
    domctl(&pool, &xen, CacheFlush { start_pfn: 0x8000, nr_pfns: 16 });
    domctl(&pool, &xen, GetPagingMempoolSize::default());
    domctl(&pool, &xen, SetPagingMempoolSize::new(PagingMempool { size: 16 << 20 }));

    let mut vcpu_msrs = pool.slice::<VcpuMsr>(4).unwrap();
    domctl(&pool, &xen, GetVcpuMsrs::new(VcpuMsrs { vcpu: 0, msr_count: 4, msrs: vcpu_msrs.handle_mut() }));
    domctl(&pool, &xen, SetVcpuMsrs::new(VcpuMsrs { vcpu: 0, msr_count: 4, msrs: vcpu_msrs.handle_mut() }));

    let mut distance = pool.slice::<u32>(4).unwrap();
    distance.copy_from_slice(&[10, 20, 20, 10]);
    let vcpu_to_vnode = pool.slice::<u32>(2).unwrap();
    let vnode_to_pnode = pool.slice::<u32>(2).unwrap();
    let mut ranges = pool.slice::<hcbuf_core::xen::memory::VMemRange>(2).unwrap();
    ranges[1] = hcbuf_core::xen::memory::VMemRange { start: 1 << 30, end: 2 << 30, flags: 0, nid: 1 };
    domctl(&pool, &xen, Vnuma {
        nr_vnodes: 2,
        nr_vmemranges: 2,
        nr_vcpus: 2,
        pad: 0,
        vdistance: distance.handle(),
        vcpu_to_vnode: vcpu_to_vnode.handle(),
        vnode_to_pnode: vnode_to_pnode.handle(),
        vmemrange: ranges.handle(),
    });
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
    domctl(&pool, &xen, GetVcpuAffinity::new(VcpuAffinity {
        vcpu: 0,
        flags: XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT,
        cpumap_hard: hcbuf_core::xen::sysctl::Bitmap { bitmap: hard.handle_mut(), nr_bits: 64, ..Default::default() },
        cpumap_soft: hcbuf_core::xen::sysctl::Bitmap { bitmap: soft.handle_mut(), nr_bits: 64, ..Default::default() },
    }));
    let mut nodes = pool.slice::<u8>(8).unwrap();
    domctl(&pool, &xen, SetNodeAffinity::new(NodeAffinity {
        nodemap: hcbuf_core::xen::sysctl::Bitmap { bitmap: nodes.handle_mut(), nr_bits: 64, ..Default::default() },
    }));
    domctl(&pool, &xen, GetExtVcpuContext::new(ExtVcpuContext { vcpu: 0, size: 64, ..Default::default() }));

    domctl(&pool, &xen, ResumeDomain {});
    domctl(&pool, &xen, SoftReset {});

    // What Xen wrote is read back through the buffer.
    let op = Op::domctl(&pool, 1, SchedulerOp { u: SchedulerOpU::rtds(SchedRtds::default()), ..Default::default() }).unwrap();
    assert_eq!(op.payload().u.as_rtds(), &SchedRtds::default());

    assert_eq!(xen.calls().len(), 63);
}
