//! The Xen releases hcbuf speaks: each one's ABI is declared in
//! `hcbuf-sys` (shared declarations, and a sibling module for what the
//! release changes, such as `hcbuf_sys::v4_20`) and proven against that
//! release's own headers. A [`Xen`](crate::api::Xen) handle detects the
//! running release once ([`Release::detect`]: `XENVER_version`), or is
//! pinned to one, and issues every call with its layouts and interface
//! versions.

use std::fmt;

use hcbuf_sys::{domctl, sysctl, v4_20};

use crate::backend::{Backend, XenErrno};
use crate::xen::version::VersionNumber;

/// A Xen release whose ABI hcbuf speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Release {
    /// Xen 4.17 (Debian 12, bookworm): sysctl and domctl interface 0x15.
    Xen4_17,
    /// Xen 4.20 (Debian 13, trixie): sysctl 0x15, domctl 0x17; a 68-byte
    /// `createdomain`, `getdomaininfo` answering `ESRCH` for a missing
    /// domain, the `XENVER_*2` queries.
    Xen4_20,
}

impl Release {
    /// Every release hcbuf speaks, oldest first.
    pub const ALL: [Release; 2] = [Release::Xen4_17, Release::Xen4_20];

    /// Its version, `(major, minor)`.
    pub const fn version(self) -> (u32, u32) {
        match self {
            Release::Xen4_17 => (4, 17),
            Release::Xen4_20 => (4, 20),
        }
    }

    /// The `interface_version` its `sysctl` takes.
    pub const fn sysctl_interface(self) -> u32 {
        match self {
            Release::Xen4_17 => sysctl::XEN_SYSCTL_INTERFACE_VERSION,
            Release::Xen4_20 => v4_20::sysctl::XEN_SYSCTL_INTERFACE_VERSION,
        }
    }

    /// The `interface_version` its `domctl` takes.
    pub const fn domctl_interface(self) -> u32 {
        match self {
            Release::Xen4_17 => domctl::XEN_DOMCTL_INTERFACE_VERSION,
            Release::Xen4_20 => v4_20::domctl::XEN_DOMCTL_INTERFACE_VERSION,
        }
    }

    /// The release of Xen `major.minor`, if hcbuf speaks it.
    pub fn of_version(major: u32, minor: u32) -> Result<Release, UnknownRelease> {
        Release::ALL
            .into_iter()
            .find(|r| r.version() == (major, minor))
            .ok_or(UnknownRelease { major, minor })
    }

    /// Asks the running hypervisor which release it is (`XENVER_version`,
    /// which every release answers the same way and no XSM policy denies
    /// to dom0), once: `EACCES` from a sysctl cannot tell a wrong interface
    /// version from a FLASK denial, so the version is never guessed from
    /// one.
    pub fn detect<B: Backend + ?Sized>(backend: &B) -> Result<Release, DetectError> {
        let version = backend
            .hypercall(&VersionNumber::default())
            .map_err(DetectError::Xen)?;
        let (major, minor) = ((version >> 16) as u32, (version & 0xffff) as u32);
        Release::of_version(major, minor).map_err(DetectError::Unknown)
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (major, minor) = self.version();
        write!(f, "Xen {major}.{minor}")
    }
}

/// A version of Xen hcbuf does not speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownRelease {
    /// The major version.
    pub major: u32,
    /// The minor version.
    pub minor: u32,
}

impl fmt::Display for UnknownRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Xen {}.{} is not a release hcbuf speaks (it speaks ",
            self.major, self.minor
        )?;
        for (i, release) in Release::ALL.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{release}")?;
        }
        write!(
            f,
            ", each proven against its own headers); its layouts or interface versions may \
             differ, so no call is issued"
        )
    }
}

impl std::error::Error for UnknownRelease {}

/// Why [`Release::detect`] could not tell the release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectError {
    /// `XENVER_version` failed.
    Xen(XenErrno),
    /// A version hcbuf does not speak.
    Unknown(UnknownRelease),
}

impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetectError::Xen(errno) => write!(f, "xen_version version: {errno}"),
            DetectError::Unknown(unknown) => unknown.fmt(f),
        }
    }
}

impl std::error::Error for DetectError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Recording;

    #[test]
    fn a_version_is_a_release_only_if_hcbuf_speaks_it() {
        assert_eq!(Release::of_version(4, 17), Ok(Release::Xen4_17));
        assert_eq!(Release::of_version(4, 20), Ok(Release::Xen4_20));
        let unknown = Release::of_version(4, 19).unwrap_err();
        let text = unknown.to_string();
        assert!(
            text.contains("Xen 4.19") && text.contains("Xen 4.17, Xen 4.20"),
            "{text}"
        );
        assert_eq!(
            (
                Release::Xen4_20.sysctl_interface(),
                Release::Xen4_20.domctl_interface()
            ),
            (0x15, 0x17)
        );
        assert_eq!(Release::Xen4_17.domctl_interface(), 0x15);
    }

    #[test]
    fn detection_asks_xen_version_and_refuses_what_it_does_not_speak() {
        let xen = Recording::new();
        xen.reply(Ok(4 << 16 | 20));
        assert_eq!(Release::detect(&xen), Ok(Release::Xen4_20));
        xen.reply(Ok(4 << 16 | 21));
        assert!(matches!(
            Release::detect(&xen),
            Err(DetectError::Unknown(UnknownRelease {
                major: 4,
                minor: 21
            }))
        ));
        xen.reply(Err(XenErrno(1)));
        assert_eq!(Release::detect(&xen), Err(DetectError::Xen(XenErrno(1))));
        assert_eq!(xen.calls().len(), 3);
    }
}
