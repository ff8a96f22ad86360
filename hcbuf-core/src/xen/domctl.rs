//! Typed `domctl` payloads: each is the member of `struct xen_domctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::domctl`](crate::xen::Op::domctl), which names the domain.
//!
//! A twin that several commands take (a get/set pair) has one typed
//! payload per command, since the command is part of the type; where Xen
//! reads a buffer for one command and writes it for the other, the guest
//! handle's direction differs between the two.
//!
//! C's nested unions (the scheduler parameters, the device of
//! `assign_device`, ...) are `#[repr(C)]` unions whose members are private:
//! each is made by a constructor that zeroes the whole union before writing
//! its member, so Xen never reads an uninitialised byte, and read back
//! through an accessor (every member is valid for every bit pattern).

use hcbuf_sys::arch::xen_arch_domainconfig;
use hcbuf_sys::domctl::*;

use crate::args::{SubOp, family};
use crate::handle::Typed;
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
use crate::xen::Selected;
use crate::xen::raw::payloads;
use crate::xen::union::typed_union;

/// The x86 domain configuration (`struct xen_arch_domainconfig`), as a
/// field of [`CreateDomain`] and [`GetDomainInfo`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct ArchDomainConfig {
    /// `XEN_X86_EMU_*`.
    pub emulation_flags: u32,
    /// `XEN_X86_MSR_RELAXED`.
    pub misc_flags: u32,
}
// SAFETY: two u32, no padding (asserted against the twin below), every
// bit pattern valid.
#[diagnostic::do_not_recommend]
unsafe impl Derived for ArchDomainConfig {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl HypercallSafe for ArchDomainConfig {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl XenWritable for ArchDomainConfig {}
static_assertions::assert_eq_size!(ArchDomainConfig, xen_arch_domainconfig);
static_assertions::assert_eq_align!(ArchDomainConfig, xen_arch_domainconfig);

/// The log-dirty statistics of [`ShadowOp`] (`xen_domctl_shadow_op_stats`).
pub type ShadowOpStats = xen_domctl_shadow_op_stats;

/// Credit scheduler parameters (`xen_domctl_sched_credit`).
pub type SchedCredit = xen_domctl_sched_credit;

/// Credit2 scheduler parameters (`xen_domctl_sched_credit2`).
pub type SchedCredit2 = xen_domctl_sched_credit2;

/// RTDS scheduler parameters (`xen_domctl_sched_rtds`).
pub type SchedRtds = xen_domctl_sched_rtds;

/// One vCPU's scheduling parameters, by scheduler
/// (`xen_domctl_schedparam_vcpu.u`).
pub type SchedParamVcpuU<'a> = Selected<'a, xen_domctl_schedparam_vcpu_u>;

typed_union! {
    xen_domctl_schedparam_vcpu_u<'a>, reads = safe, builds = safe {
        /// `XEN_SCHEDULER_CREDIT`.
        credit / as_credit: SchedCredit,
        /// `XEN_SCHEDULER_CREDIT2`.
        credit2 / as_credit2: SchedCredit2,
        /// `XEN_SCHEDULER_RTDS`.
        rtds / as_rtds: SchedRtds,
    }
}

/// One entry of [`SchedulerOpV::vcpus`] (`xen_domctl_schedparam_vcpu`).
pub type SchedParamVcpu<'a> = xen_domctl_schedparam_vcpu<Typed<'a>>;

/// The per-vCPU parameters of [`SchedulerOp`]
/// (`xen_domctl_scheduler_op.u.v`).
pub type SchedulerOpV<'a> = xen_domctl_scheduler_op_u_v<Typed<'a>>;

/// The parameters of [`SchedulerOp`], domain-wide by scheduler or per
/// vCPU (`xen_domctl_scheduler_op.u`).
pub type SchedulerOpU<'a> = Selected<'a, xen_domctl_scheduler_op_u>;

typed_union! {
    xen_domctl_scheduler_op_u<'a>, reads = safe, builds = unsafe {
        /// `XEN_SCHEDULER_CREDIT`, domain-wide.
        credit / as_credit: SchedCredit,
        /// `XEN_SCHEDULER_CREDIT2`, domain-wide.
        credit2 / as_credit2: SchedCredit2,
        /// `XEN_SCHEDULER_RTDS`, domain-wide.
        rtds / as_rtds: SchedRtds,
        /// Per vCPU (`XEN_DOMCTL_SCHEDOP_*vcpuinfo`).
        v / as_v: SchedulerOpV<'a> => unsafe,
    }
}

/// A PCI device of [`AssignDeviceU`] (`xen_domctl_assign_device.u.pci`).
pub type AssignDevicePci = xen_domctl_assign_device_u_pci;

/// A device tree device of [`AssignDeviceU`]
/// (`xen_domctl_assign_device.u.dt`).
pub type AssignDeviceDt<'a> = xen_domctl_assign_device_u_dt<Typed<'a>>;

/// The device of an assign-device payload, by `dev`
/// (`xen_domctl_assign_device.u`).
pub type AssignDeviceU<'a> = Selected<'a, xen_domctl_assign_device_u>;

typed_union! {
    xen_domctl_assign_device_u<'a>, reads = unsafe, builds = unsafe {
        /// `XEN_DOMCTL_DEV_PCI`.
        pci / as_pci: AssignDevicePci,
        /// `XEN_DOMCTL_DEV_DT`.
        dt / as_dt: AssignDeviceDt<'a>,
    }
}

/// A `PT_IRQ_TYPE_ISA` binding (`xen_domctl_bind_pt_irq.u.isa`).
pub type BindPtIrqIsa = xen_domctl_bind_pt_irq_u_isa;

/// A `PT_IRQ_TYPE_PCI` binding (`xen_domctl_bind_pt_irq.u.pci`).
pub type BindPtIrqPci = xen_domctl_bind_pt_irq_u_pci;

/// A `PT_IRQ_TYPE_MSI` binding (`xen_domctl_bind_pt_irq.u.msi`).
pub type BindPtIrqMsi = xen_domctl_bind_pt_irq_u_msi;

/// A `PT_IRQ_TYPE_SPI` binding (`xen_domctl_bind_pt_irq.u.spi`).
pub type BindPtIrqSpi = xen_domctl_bind_pt_irq_u_spi;

/// The guest side of a pass-through IRQ, by `irq_type`
/// (`xen_domctl_bind_pt_irq.u`).
pub type BindPtIrqU<'a> = Selected<'a, xen_domctl_bind_pt_irq_u>;

typed_union! {
    xen_domctl_bind_pt_irq_u<'a>, reads = safe, builds = safe {
        /// `PT_IRQ_TYPE_ISA`.
        isa / as_isa: BindPtIrqIsa,
        /// `PT_IRQ_TYPE_PCI`.
        pci / as_pci: BindPtIrqPci,
        /// `PT_IRQ_TYPE_MSI`.
        msi / as_msi: BindPtIrqMsi,
        /// `PT_IRQ_TYPE_SPI`.
        spi / as_spi: BindPtIrqSpi,
    }
}

/// The `XEN_VM_EVENT_ENABLE` result of [`VmEventOp`]
/// (`xen_domctl_vm_event_op.u.enable`).
pub type VmEventOpEnable = xen_domctl_vm_event_op_u_enable;

/// The results of [`VmEventOp`], by `op` (`xen_domctl_vm_event_op.u`).
pub type VmEventOpU<'a> = Selected<'a, xen_domctl_vm_event_op_u>;

typed_union! {
    xen_domctl_vm_event_op_u<'a>, reads = safe, builds = safe {
        /// `XEN_VM_EVENT_ENABLE`.
        enable / as_enable: VmEventOpEnable,
        /// `XEN_VM_EVENT_GET_VERSION`: the interface version.
        version / as_version: u32,
    }
}

/// The arguments of [`MemSharingOp`], by `op`
/// (`xen_domctl_mem_sharing_op.u`).
pub type MemSharingOpU<'a> = Selected<'a, xen_domctl_mem_sharing_op_u>;

typed_union! {
    xen_domctl_mem_sharing_op_u<'a>, reads = safe, builds = safe {
        /// `XEN_DOMCTL_MEM_SHARING_CONTROL`: non-zero enables sharing.
        enable / as_enable: u8,
    }
}

/// One MSR of [`GetVcpuMsrs`] / [`SetVcpuMsrs`] (`xen_domctl_vcpu_msr`).
pub type VcpuMsr = xen_domctl_vcpu_msr;

/// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG` options
/// (`xen_domctl_monitor_op.u.mov_to_cr`).
pub type MonitorOpMovToCr = xen_domctl_monitor_op_u_mov_to_cr;

/// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR` options
/// (`xen_domctl_monitor_op.u.mov_to_msr`).
pub type MonitorOpMovToMsr = xen_domctl_monitor_op_u_mov_to_msr;

/// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST` options
/// (`xen_domctl_monitor_op.u.guest_request`).
pub type MonitorOpGuestRequest = xen_domctl_monitor_op_u_guest_request;

/// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION` options
/// (`xen_domctl_monitor_op.u.debug_exception`).
pub type MonitorOpDebugException = xen_domctl_monitor_op_u_debug_exception;

/// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT` options
/// (`xen_domctl_monitor_op.u.vmexit`).
pub type MonitorOpVmexit = xen_domctl_monitor_op_u_vmexit;

/// The `XEN_DOMCTL_MONITOR_OP_ENABLE` options of [`MonitorOp`], by
/// event (`xen_domctl_monitor_op.u`).
pub type MonitorOpU<'a> = Selected<'a, xen_domctl_monitor_op_u>;

typed_union! {
    xen_domctl_monitor_op_u<'a>, reads = safe, builds = safe {
        /// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG`.
        mov_to_cr / as_mov_to_cr: MonitorOpMovToCr,
        /// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR`.
        mov_to_msr / as_mov_to_msr: MonitorOpMovToMsr,
        /// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST`.
        guest_request / as_guest_request: MonitorOpGuestRequest,
        /// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION`.
        debug_exception / as_debug_exception: MonitorOpDebugException,
        /// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT`.
        vmexit / as_vmexit: MonitorOpVmexit,
    }
}

/// The payload of the domctl commands that take none: the union is not
/// read (`XEN_DOMCTL_destroydomain`, `pausedomain`, `unpausedomain`,
/// `resumedomain`, `soft_reset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct NoPayload<const CMD: u32>;

/// `XEN_DOMCTL_destroydomain`.
pub type DestroyDomain = NoPayload<XEN_DOMCTL_destroydomain>;
/// `XEN_DOMCTL_pausedomain`.
pub type PauseDomain = NoPayload<XEN_DOMCTL_pausedomain>;
/// `XEN_DOMCTL_unpausedomain`.
pub type UnpauseDomain = NoPayload<XEN_DOMCTL_unpausedomain>;
/// `XEN_DOMCTL_resumedomain`.
pub type ResumeDomain = NoPayload<XEN_DOMCTL_resumedomain>;
/// `XEN_DOMCTL_soft_reset`.
pub type SoftReset = NoPayload<XEN_DOMCTL_soft_reset>;

impl<const CMD: u32> hcbuf_sys::handles::Lends for NoPayload<CMD> {
    fn lend(&self, _: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {}
}

// SAFETY: zero-sized: no bytes, no padding, no addresses.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> Derived for NoPayload<CMD> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> HypercallSafe for NoPayload<CMD> {}
// SAFETY: as above; a ZST has exactly one (empty) bit pattern.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> XenWritable for NoPayload<CMD> {}
// SAFETY: only the commands listed above take no payload.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> SubOp for NoPayload<CMD> {
    type Family = family::Domctl;
    const CMD: u32 = {
        assert!(
            CMD == XEN_DOMCTL_destroydomain
                || CMD == XEN_DOMCTL_pausedomain
                || CMD == XEN_DOMCTL_unpausedomain
                || CMD == XEN_DOMCTL_resumedomain
                || CMD == XEN_DOMCTL_soft_reset,
            "this domctl command takes a payload"
        );
        CMD
    };
}

payloads!(family::Domctl {
    /// [`xen_domctl_vcpuaffinity`]: a vCPU's hard and soft affinity.
    VcpuAffinity<'a>: xen_domctl_vcpuaffinity<Typed<'a>> =
        XEN_DOMCTL_setvcpuaffinity as SetVcpuAffinity,
        XEN_DOMCTL_getvcpuaffinity as GetVcpuAffinity;
    /// [`xen_domctl_nodeaffinity`]: the domain's NUMA node affinity.
    NodeAffinity<'a>: xen_domctl_nodeaffinity<Typed<'a>> =
        XEN_DOMCTL_setnodeaffinity as SetNodeAffinity,
        XEN_DOMCTL_getnodeaffinity as GetNodeAffinity;
    /// [`xen_domctl_ext_vcpucontext`]: a vCPU's extended context (x86).
    ExtVcpuContext: xen_domctl_ext_vcpucontext =
        XEN_DOMCTL_set_ext_vcpucontext as SetExtVcpuContext,
        XEN_DOMCTL_get_ext_vcpucontext as GetExtVcpuContext;
    /// `XEN_DOMCTL_createdomain`: create a domain (the header's domain is the
    /// id wanted, or 0 to let Xen choose; Xen writes the id chosen there).
    CreateDomain: xen_domctl_createdomain = XEN_DOMCTL_createdomain @ Xen4_17;
    /// `XEN_DOMCTL_getdomaininfo` (and one entry of the
    /// `XEN_SYSCTL_getdomaininfolist` buffer): a domain's state.
    GetDomainInfo: xen_domctl_getdomaininfo = XEN_DOMCTL_getdomaininfo;
    /// `XEN_DOMCTL_max_mem`: set the domain's memory limit.
    MaxMem: xen_domctl_max_mem = XEN_DOMCTL_max_mem;
    /// `XEN_DOMCTL_max_vcpus`: set the domain's vCPU count.
    MaxVcpus: xen_domctl_max_vcpus = XEN_DOMCTL_max_vcpus;
    /// `XEN_DOMCTL_getvcpuinfo`: one vCPU's state.
    GetVcpuInfo: xen_domctl_getvcpuinfo = XEN_DOMCTL_getvcpuinfo;
    /// `XEN_DOMCTL_getpageframeinfo3`: the types of a list of guest frames.
    GetPageFrameInfo3<'a>: xen_domctl_getpageframeinfo3<Typed<'a>> = XEN_DOMCTL_getpageframeinfo3;
    /// `XEN_DOMCTL_shadow_op`: shadow paging and log-dirty tracking.
    ShadowOp<'a>: xen_domctl_shadow_op<Typed<'a>> = XEN_DOMCTL_shadow_op;
    /// [`xen_domctl_vcpucontext`], taken by several commands.
    VcpuContext<'a>: xen_domctl_vcpucontext<Typed<'a>> =
        XEN_DOMCTL_setvcpucontext as SetVcpuContext, XEN_DOMCTL_getvcpucontext as GetVcpuContext;
    /// `XEN_DOMCTL_scheduler_op`: get or set the domain's scheduling
    /// parameters.
    SchedulerOp<'a>: xen_domctl_scheduler_op<Typed<'a>> = XEN_DOMCTL_scheduler_op;
    /// `XEN_DOMCTL_setdomainhandle`: set the domain's UUID.
    SetDomainHandle: xen_domctl_setdomainhandle = XEN_DOMCTL_setdomainhandle;
    /// `XEN_DOMCTL_setdebugging`: enable or disable debugging.
    SetDebugging: xen_domctl_setdebugging = XEN_DOMCTL_setdebugging;
    /// `XEN_DOMCTL_irq_permission`: grant or revoke access to a physical IRQ.
    IrqPermission: xen_domctl_irq_permission = XEN_DOMCTL_irq_permission;
    /// `XEN_DOMCTL_iomem_permission`: grant or revoke access to machine I/O
    /// memory.
    IomemPermission: xen_domctl_iomem_permission = XEN_DOMCTL_iomem_permission;
    /// `XEN_DOMCTL_ioport_permission`: grant or revoke access to I/O ports.
    IoportPermission: xen_domctl_ioport_permission = XEN_DOMCTL_ioport_permission;
    /// `XEN_DOMCTL_hypercall_init`: fill a guest frame with the hypercall page.
    HypercallInit: xen_domctl_hypercall_init = XEN_DOMCTL_hypercall_init;
    /// `XEN_DOMCTL_settimeoffset`: set the domain's wallclock offset.
    SetTimeOffset: xen_domctl_settimeoffset = XEN_DOMCTL_settimeoffset;
    /// [`xen_domctl_tsc_info`], taken by several commands.
    TscInfo: xen_domctl_tsc_info =
        XEN_DOMCTL_gettscinfo as GetTscInfo, XEN_DOMCTL_settscinfo as SetTscInfo;
    /// [`xen_domctl_hvmcontext`], taken by several commands.
    HvmContext<'a>: xen_domctl_hvmcontext<Typed<'a>> =
        XEN_DOMCTL_gethvmcontext as GetHvmContext, XEN_DOMCTL_sethvmcontext as SetHvmContext;
    /// `XEN_DOMCTL_gethvmcontext_partial`: get one record of the HVM context.
    HvmContextPartial<'a>: xen_domctl_hvmcontext_partial<Typed<'a>> = XEN_DOMCTL_gethvmcontext_partial;
    /// [`xen_domctl_address_size`], taken by several commands.
    AddressSize: xen_domctl_address_size =
        XEN_DOMCTL_set_address_size as SetAddressSize, XEN_DOMCTL_get_address_size as GetAddressSize;
    /// `XEN_DOMCTL_sendtrigger`: send a trigger (NMI, reset, ...) to a vCPU.
    SendTrigger: xen_domctl_sendtrigger = XEN_DOMCTL_sendtrigger;
    /// `XEN_DOMCTL_get_device_group`: the devices sharing a PCI device's
    /// IOMMU group.
    GetDeviceGroup<'a>: xen_domctl_get_device_group<Typed<'a>> = XEN_DOMCTL_get_device_group;
    /// [`xen_domctl_assign_device`], taken by several commands.
    AssignDevicePayload<'a>: xen_domctl_assign_device<Typed<'a>> =
        XEN_DOMCTL_assign_device as AssignDevice,
        XEN_DOMCTL_test_assign_device as TestAssignDevice,
        XEN_DOMCTL_deassign_device as DeassignDevice;
    /// [`xen_domctl_bind_pt_irq`], taken by several commands.
    BindPtIrqPayload<'a>: xen_domctl_bind_pt_irq<Typed<'a>> =
        XEN_DOMCTL_bind_pt_irq as BindPtIrq, XEN_DOMCTL_unbind_pt_irq as UnbindPtIrq;
    /// `XEN_DOMCTL_memory_mapping`: map (or unmap) machine I/O memory into an
    /// HVM guest.
    MemoryMapping: xen_domctl_memory_mapping = XEN_DOMCTL_memory_mapping;
    /// `XEN_DOMCTL_ioport_mapping`: map (or unmap) machine I/O ports into an
    /// HVM guest.
    IoportMapping: xen_domctl_ioport_mapping = XEN_DOMCTL_ioport_mapping;
    /// `XEN_DOMCTL_set_target`: let the domain manage another.
    SetTarget: xen_domctl_set_target = XEN_DOMCTL_set_target;
    /// `XEN_DOMCTL_subscribe`: the event channel to notify when the domain
    /// suspends.
    Subscribe: xen_domctl_subscribe = XEN_DOMCTL_subscribe;
    /// `XEN_DOMCTL_debug_op`: turn single-stepping of a vCPU on or off.
    DebugOp: xen_domctl_debug_op = XEN_DOMCTL_debug_op;
    /// `XEN_DOMCTL_vm_event_op`: set up or tear down a VM event ring.
    VmEventOp<'a>: xen_domctl_vm_event_op<Typed<'a>> = XEN_DOMCTL_vm_event_op;
    /// `XEN_DOMCTL_mem_sharing_op`: turn memory sharing on or off.
    MemSharingOp<'a>: xen_domctl_mem_sharing_op<Typed<'a>> = XEN_DOMCTL_mem_sharing_op;
    /// [`xen_domctl_cpu_policy`], taken by several commands.
    CpuPolicy<'a>: xen_domctl_cpu_policy<Typed<'a>> =
        XEN_DOMCTL_get_cpu_policy as GetCpuPolicy, XEN_DOMCTL_set_cpu_policy as SetCpuPolicy;
    /// [`xen_domctl_vcpuextstate`], taken by several commands.
    VcpuExtState<'a>: xen_domctl_vcpuextstate<Typed<'a>> =
        XEN_DOMCTL_setvcpuextstate as SetVcpuExtState, XEN_DOMCTL_getvcpuextstate as GetVcpuExtState;
    /// [`xen_domctl_vcpu_msrs`], taken by several commands.
    VcpuMsrs<'a>: xen_domctl_vcpu_msrs<Typed<'a>> =
        XEN_DOMCTL_get_vcpu_msrs as GetVcpuMsrs, XEN_DOMCTL_set_vcpu_msrs as SetVcpuMsrs;
    /// `XEN_DOMCTL_set_access_required`: whether page access events need a
    /// listener.
    SetAccessRequired: xen_domctl_set_access_required = XEN_DOMCTL_set_access_required;
    /// `XEN_DOMCTL_audit_p2m`: audit the P2M and count the errors.
    AuditP2m: xen_domctl_audit_p2m = XEN_DOMCTL_audit_p2m;
    /// `XEN_DOMCTL_set_virq_handler`: route a global virtual IRQ to the domain.
    SetVirqHandler: xen_domctl_set_virq_handler = XEN_DOMCTL_set_virq_handler;
    /// `XEN_DOMCTL_gdbsx_guestmemio`: copy between guest memory and a buffer
    /// of the caller (gdbsx).
    GdbsxMemio<'a>: xen_domctl_gdbsx_memio<Typed<'a>> = XEN_DOMCTL_gdbsx_guestmemio;
    /// `XEN_DOMCTL_set_broken_page_p2m`: mark a guest frame broken.
    SetBrokenPageP2m: xen_domctl_set_broken_page_p2m = XEN_DOMCTL_set_broken_page_p2m;
    /// `XEN_DOMCTL_cacheflush` (Arm): clean and invalidate the caches of a
    /// range of guest frames.
    CacheFlush: xen_domctl_cacheflush = XEN_DOMCTL_cacheflush;
    /// [`xen_domctl_gdbsx_pauseunp_vcpu`], taken by several commands.
    GdbsxPauseUnpauseVcpu: xen_domctl_gdbsx_pauseunp_vcpu =
        XEN_DOMCTL_gdbsx_pausevcpu as GdbsxPauseVcpu, XEN_DOMCTL_gdbsx_unpausevcpu as GdbsxUnpauseVcpu;
    /// `XEN_DOMCTL_gdbsx_domstatus`: whether the domain is paused, and a vCPU
    /// with a pending event (gdbsx).
    GdbsxDomStatus: xen_domctl_gdbsx_domstatus = XEN_DOMCTL_gdbsx_domstatus;
    /// `XEN_DOMCTL_setvnumainfo`: set the guest's virtual NUMA topology.
    Vnuma<'a>: xen_domctl_vnuma<Typed<'a>> = XEN_DOMCTL_setvnumainfo;
    /// `XEN_DOMCTL_psr_cmt_op`: Cache Monitoring Technology.
    PsrCmtOp: xen_domctl_psr_cmt_op = XEN_DOMCTL_psr_cmt_op;
    /// `XEN_DOMCTL_monitor_op`: choose the VM events reported on the monitor
    /// ring.
    MonitorOp<'a>: xen_domctl_monitor_op<Typed<'a>> = XEN_DOMCTL_monitor_op;
    /// `XEN_DOMCTL_psr_alloc`: cache and memory bandwidth allocation.
    PsrAlloc: xen_domctl_psr_alloc = XEN_DOMCTL_psr_alloc;
    /// `XEN_DOMCTL_vuart_op`: set up a virtual UART.
    VuartOp: xen_domctl_vuart_op = XEN_DOMCTL_vuart_op;
    /// `XEN_DOMCTL_vmtrace_op`: VM tracing (e.g. Intel Processor Trace).
    VmtraceOp: xen_domctl_vmtrace_op = XEN_DOMCTL_vmtrace_op;
    /// [`xen_domctl_paging_mempool`], taken by several commands.
    PagingMempool: xen_domctl_paging_mempool =
        XEN_DOMCTL_get_paging_mempool_size as GetPagingMempoolSize, XEN_DOMCTL_set_paging_mempool_size as SetPagingMempoolSize;
});
