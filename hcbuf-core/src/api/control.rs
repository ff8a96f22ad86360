//! Domain control beyond the lifecycle: remote shutdown (`sched_op`), HVM
//! parameters (`hvm_op`), vCPU contexts (`domctl`).

use hcbuf_sys::arch::vcpu_guest_context_t;
use hcbuf_sys::sched::*;
use hcbuf_sys::xen::domid_t;

use super::{Error, Xen, lend_error, not_the_caller, pool_error};
use crate::backend::Backend;
use crate::xen::Guarded;
use crate::xen::domctl::{GetVcpuContext, SetVcpuContext, VcpuContext};
use crate::xen::hvm::{GetHvmParam, HvmParam, SetHvmParam};
use crate::xen::sched::RemoteShutdown;

/// Why a domain is shut down (`SHUTDOWN_*`, `public/sched.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShutdownReason {
    /// Exited normally: the toolstack cleans up and destroys it.
    Poweroff,
    /// The toolstack destroys it and starts it again.
    Reboot,
    /// Suspended: the toolstack saves it.
    Suspend,
    /// Crashed.
    Crash,
    /// Its watchdog expired.
    Watchdog,
    /// A soft reset: torn down and started again, keeping its memory.
    SoftReset,
}

impl ShutdownReason {
    /// The `SHUTDOWN_*` number.
    pub const fn code(self) -> u32 {
        match self {
            ShutdownReason::Poweroff => SHUTDOWN_poweroff,
            ShutdownReason::Reboot => SHUTDOWN_reboot,
            ShutdownReason::Suspend => SHUTDOWN_suspend,
            ShutdownReason::Crash => SHUTDOWN_crash,
            ShutdownReason::Watchdog => SHUTDOWN_watchdog,
            ShutdownReason::SoftReset => SHUTDOWN_soft_reset,
        }
    }

    /// Every reason, in `SHUTDOWN_*` order.
    pub const ALL: [ShutdownReason; 6] = [
        ShutdownReason::Poweroff,
        ShutdownReason::Reboot,
        ShutdownReason::Suspend,
        ShutdownReason::Crash,
        ShutdownReason::Watchdog,
        ShutdownReason::SoftReset,
    ];

    /// The reason of `SHUTDOWN_*` number `code`, if it is one.
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One vCPU's saved register state (`struct vcpu_guest_context`, x86_64):
/// `XEN_DOMCTL_getvcpucontext` fills exactly these bytes, and
/// `XEN_DOMCTL_setvcpucontext` reads exactly these. The size is the C
/// struct's (proven against the headers of every release hcbuf speaks),
/// so neither call can touch more or less than Xen does.
#[derive(Clone, PartialEq, Eq)]
pub struct VcpuGuestContext {
    words: Box<vcpu_guest_context_t>,
}

impl VcpuGuestContext {
    /// `sizeof(struct vcpu_guest_context)`.
    pub const SIZE: usize = size_of::<vcpu_guest_context_t>();

    /// An all-zero context.
    pub fn zeroed() -> Self {
        VcpuGuestContext {
            words: Box::new([0; Self::SIZE / 8]),
        }
    }

    /// The context laid out as `struct vcpu_guest_context`, in native-endian
    /// bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.words.iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    /// The context whose bytes are `bytes`, if it is exactly
    /// [`SIZE`](Self::SIZE) bytes long.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != Self::SIZE {
            return None;
        }
        let mut context = Self::zeroed();
        for (word, chunk) in context.words.iter_mut().zip(bytes.chunks_exact(8)) {
            *word = u64::from_ne_bytes(chunk.try_into().ok()?);
        }
        Some(context)
    }

    /// The context as 64-bit words.
    pub fn words(&self) -> &vcpu_guest_context_t {
        &self.words
    }

    /// The context as 64-bit words, to edit before a `set_vcpu_context`.
    pub fn words_mut(&mut self) -> &mut vcpu_guest_context_t {
        &mut self.words
    }
}

impl std::fmt::Debug for VcpuGuestContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = self.words.iter().filter(|&&w| w != 0).count();
        f.debug_struct("VcpuGuestContext")
            .field("bytes", &Self::SIZE)
            .field("nonzero_words", &set)
            .finish()
    }
}

impl<B: Backend> Xen<B> {
    /// `SCHEDOP_remote_shutdown`: shuts domain `domid` down with `reason`
    /// (as `xl shutdown` / `xl reboot` do for a guest without PV drivers).
    /// The caller's own domain (0 or `DOMID_SELF`) is [`Error::Refused`]
    /// before Xen: through privcmd it is dom0, whose shutdown is the whole
    /// host's (Xen's `hwdom_shutdown` halts or reboots the machine).
    pub fn shutdown_domain(&self, domid: domid_t, reason: ShutdownReason) -> Result<(), Error> {
        const CALL: &str = "sched_op remote_shutdown";
        if super::is_caller(domid) {
            return Err(Error::Refused {
                call: CALL,
                why: "domain 0 (or DOMID_SELF) is the caller: shutting it down shuts the whole \
                      host down",
            });
        }
        let ask: RemoteShutdown = Guarded(sched_remote_shutdown {
            domain_id: domid,
            reason: reason.code(),
            ..Default::default()
        });
        self.command(CALL, ask).map(drop)
    }

    /// `HVMOP_get_param`: HVM parameter `index` (`HVM_PARAM_*`) of HVM
    /// domain `domid`.
    pub fn hvm_param(&self, domid: domid_t, index: u32) -> Result<u64, Error> {
        let ask = GetHvmParam::new(HvmParam {
            domid,
            index,
            ..Default::default()
        });
        let (_, mut answer) = self.command("hvm_op get_param", ask)?;
        Ok(answer.payload().value)
    }

    /// `HVMOP_set_param`: sets HVM parameter `index` of HVM domain `domid`.
    pub fn set_hvm_param(&self, domid: domid_t, index: u32, value: u64) -> Result<(), Error> {
        not_the_caller(
            "hvm_op set_param",
            domid,
            "domain 0 (or DOMID_SELF) is the caller: its parameters (its event upcall, say) are \
             its kernel's",
        )?;
        let ask = SetHvmParam::new(HvmParam {
            domid,
            index,
            value,
            ..Default::default()
        });
        self.command("hvm_op set_param", ask).map(drop)
    }

    /// `XEN_DOMCTL_getvcpucontext`: vCPU `vcpu` of domain `domid`'s saved
    /// registers (the domain should be paused for a stable answer).
    pub fn vcpu_context(&self, domid: domid_t, vcpu: u32) -> Result<VcpuGuestContext, Error> {
        const CALL: &str = "domctl getvcpucontext";
        let mut buffer = self
            .pool
            .slice::<vcpu_guest_context_t>(1)
            .map_err(pool_error(CALL))?;
        {
            let mut ask = GetVcpuContext::new(VcpuContext::default());
            ask.vcpu = vcpu;
            ask.set_ctxt(buffer.lend_mut()).map_err(lend_error(CALL))?;
            self.domctl(CALL, domid, ask)?;
        }
        Ok(VcpuGuestContext {
            words: Box::new(buffer[0]),
        })
    }

    /// `XEN_DOMCTL_setvcpucontext`: loads `context` into vCPU `vcpu` of
    /// domain `domid` (paused, or not yet started).
    pub fn set_vcpu_context(
        &self,
        domid: domid_t,
        vcpu: u32,
        context: &VcpuGuestContext,
    ) -> Result<(), Error> {
        const CALL: &str = "domctl setvcpucontext";
        let mut buffer = self
            .pool
            .slice_from(std::slice::from_ref(&*context.words))
            .map_err(pool_error(CALL))?;
        let mut ask = SetVcpuContext::new(VcpuContext::default());
        ask.vcpu = vcpu;
        // Xen only reads it, but the C handle is not `const`.
        ask.set_ctxt(buffer.lend_mut()).map_err(lend_error(CALL))?;
        self.domctl(CALL, domid, ask).map(drop)
    }
}
