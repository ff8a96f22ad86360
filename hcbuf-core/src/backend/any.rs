//! [`AnyBackend`]: a backend chosen at run time, behind one type.

use super::privcmd::Privcmd;
use super::soft::SoftXen;
use super::{Backend, XenErrno};
use crate::args::HypercallArgs;
use crate::release::Release;

/// The real Xen or the software one, chosen at run time (a program that
/// runs in a dom0 and on a laptop alike): one type for `Xen<AnyBackend>`.
#[derive(Debug)]
pub enum AnyBackend {
    /// The real Xen, through `/dev/xen/privcmd`.
    Privcmd(Privcmd),
    /// The software model of Xen.
    Soft(SoftXen),
}

impl Backend for AnyBackend {
    fn release(&self) -> Option<Release> {
        match self {
            AnyBackend::Privcmd(p) => p.release(),
            AnyBackend::Soft(s) => s.release(),
        }
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        match self {
            AnyBackend::Privcmd(p) => p.hypercall(args),
            AnyBackend::Soft(s) => s.hypercall(args),
        }
    }
}

impl From<Privcmd> for AnyBackend {
    fn from(p: Privcmd) -> Self {
        AnyBackend::Privcmd(p)
    }
}

impl From<SoftXen> for AnyBackend {
    fn from(s: SoftXen) -> Self {
        AnyBackend::Soft(s)
    }
}
