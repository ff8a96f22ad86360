//! The `hvm_op` hypercall's parameter commands (`public/hvm/hvm_op.h`,
//! `public/hvm/params.h`).
//!
//! `HYPERVISOR_hvm_op(cmd, arg)`: `HVMOP_set_param` and `HVMOP_get_param`
//! take a [`xen_hvm_param`](crate::hvm::xen_hvm_param), naming an HVM domain and one of its
//! `HVM_PARAM_*` parameters.

use crate::xen::domid_t;

abi! {
    headers = ["xen/hvm/hvm_op.h", "xen/hvm/params.h"];

    /// Set an HVM parameter: takes a [`xen_hvm_param`].
    pub const HVMOP_set_param: u32 = 0;
    /// Get an HVM parameter: takes a [`xen_hvm_param`].
    pub const HVMOP_get_param: u32 = 1;

    /// `HVMOP_set_param` / `HVMOP_get_param`'s argument.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_hvm_param (size 16) {
        /// IN: the HVM domain.
        pub domid: domid_t,
        /// Padding (named `pad` in C).
        pad pad: u16,
        /// IN: `HVM_PARAM_*`.
        pub index: u32,
        /// IN (set) or OUT (get): the value.
        pub value: u64,
    }

    /// The event channel or interrupt that notifies the guest.
    pub const HVM_PARAM_CALLBACK_IRQ: u32 = 0;
    /// The xenstore ring's guest frame.
    pub const HVM_PARAM_STORE_PFN: u32 = 1;
    /// The xenstore event channel.
    pub const HVM_PARAM_STORE_EVTCHN: u32 = 2;
    /// Whether PAE is enabled.
    pub const HVM_PARAM_PAE_ENABLED: u32 = 4;
    /// The synchronous I/O request page's guest frame.
    pub const HVM_PARAM_IOREQ_PFN: u32 = 5;
    /// The buffered I/O request page's guest frame.
    pub const HVM_PARAM_BUFIOREQ_PFN: u32 = 6;
    /// Viridian (Hyper-V) enlightenments.
    pub const HVM_PARAM_VIRIDIAN: u32 = 9;
    /// The virtual timer mode.
    pub const HVM_PARAM_TIMER_MODE: u32 = 10;
    /// Whether the HPET is enabled.
    pub const HVM_PARAM_HPET_ENABLED: u32 = 11;
    /// The domain running the device model.
    pub const HVM_PARAM_DM_DOMAIN: u32 = 13;
    /// The ACPI S state.
    pub const HVM_PARAM_ACPI_S_STATE: u32 = 14;
    /// The console ring's guest frame.
    pub const HVM_PARAM_CONSOLE_PFN: u32 = 17;
    /// The console event channel.
    pub const HVM_PARAM_CONSOLE_EVTCHN: u32 = 18;
    /// Whether nested HVM is enabled.
    pub const HVM_PARAM_NESTEDHVM: u32 = 24;
    /// The triple fault reason (`SHUTDOWN_*`).
    pub const HVM_PARAM_TRIPLE_FAULT_REASON: u32 = 31;
    /// The altp2m mode.
    pub const HVM_PARAM_ALTP2M: u32 = 35;
    /// The number of HVM parameters.
    pub const HVM_NR_PARAMS: u32 = 39;
}
