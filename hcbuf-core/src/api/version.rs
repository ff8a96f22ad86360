//! `xen_version`: what the hypervisor is.

use super::{Error, Xen, c_string, pool_error};
use crate::args::{SubOp, family};
use crate::backend::Backend;
use crate::signature::Command;
use crate::xen::version::{
    self as typed, BuildId, BuildIdBuffer, Capabilities, Changeset, CommandLine, ExtraVersion,
    PageSize, PlatformParameters, Version, VersionNumber,
};

/// The version of Xen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// The suffix, e.g. `.7`.
    pub extra: String,
}

/// How and where Xen was built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildInfo {
    /// The compiler.
    pub compiler: String,
    /// The builder.
    pub compile_by: String,
    /// The build host's domain.
    pub compile_domain: String,
    /// The date.
    pub compile_date: String,
}

impl<B: Backend> Xen<B> {
    /// `XENVER_version` and `XENVER_extraversion`.
    pub fn version(&self) -> Result<VersionInfo, Error> {
        let v = self.issue("xen_version version", &VersionNumber::default())?;
        let extra: ExtraVersion = self.version_buffer("xen_version extraversion")?;
        Ok(VersionInfo {
            major: (v >> 16) as u32,
            minor: (v & 0xffff) as u32,
            extra: c_string(&extra),
        })
    }

    /// `XENVER_pagesize`.
    pub fn page_size(&self) -> Result<u64, Error> {
        self.issue("xen_version pagesize", &PageSize::default())
    }

    /// `XENVER_compile_info`.
    pub fn compile_info(&self) -> Result<BuildInfo, Error> {
        let info: typed::CompileInfo = self.version_buffer("xen_version compile_info")?;
        Ok(BuildInfo {
            compiler: c_string(&info.compiler),
            compile_by: c_string(&info.compile_by),
            compile_domain: c_string(&info.compile_domain),
            compile_date: c_string(&info.compile_date),
        })
    }

    /// `XENVER_capabilities`, e.g. `xen-3.0-x86_64 hvm-3.0-x86_64`.
    pub fn capabilities(&self) -> Result<String, Error> {
        let caps: Capabilities = self.version_buffer("xen_version capabilities")?;
        Ok(c_string(&caps.0))
    }

    /// `XENVER_changeset`.
    pub fn changeset(&self) -> Result<String, Error> {
        let cs: Changeset = self.version_buffer("xen_version changeset")?;
        Ok(c_string(&cs))
    }

    /// `XENVER_commandline`.
    pub fn command_line(&self) -> Result<String, Error> {
        let cl: CommandLine = self.version_buffer("xen_version commandline")?;
        Ok(c_string(&cl.0))
    }

    /// `XENVER_platform_parameters`: the start of Xen's virtual range.
    pub fn platform_parameters(&self) -> Result<u64, Error> {
        let p: PlatformParameters = self.version_buffer("xen_version platform_parameters")?;
        Ok(p.virt_start)
    }

    /// `XENVER_build_id`: the hypervisor's build id (up to 1 KiB).
    pub fn build_id(&self) -> Result<Vec<u8>, Error> {
        const CALL: &str = "xen_version build_id";
        const MAX: usize = BuildIdBuffer::CAPACITY;
        let mut buf = self
            .pool
            .boxed_from(BuildIdBuffer::new())
            .map_err(pool_error(CALL))?;
        let len = self.issue(
            CALL,
            &BuildId {
                cmd: Command,
                buf: buf.handle_mut(),
            },
        )?;
        let len = usize::try_from(len)
            .ok()
            .filter(|&l| l <= MAX)
            .ok_or_else(|| Error::Unexpected {
                call: CALL,
                what: format!("a build id of {len} bytes does not fit the {MAX}-byte buffer"),
            })?;
        Ok(buf.bytes()[..len].to_vec())
    }

    /// Fills a `xen_version` buffer of type `P`.
    fn version_buffer<P>(&self, call: &'static str) -> Result<P, Error>
    where
        P: SubOp<Family = family::XenVersion> + Copy,
    {
        let mut buf = self.pool.boxed::<P>().map_err(pool_error(call))?;
        self.issue(
            call,
            &Version {
                buf: buf.handle_mut(),
            },
        )?;
        Ok(*buf)
    }
}
