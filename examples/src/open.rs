//! Which Xen the examples talk to: the real one through privcmd when
//! `/dev/xen/privcmd` exists, else the built-in software Xen (saying so on
//! stderr); `--backend` forces either.

use hcbuf_core::api::Xen;
use hcbuf_core::backend::AnyBackend;
use hcbuf_core::backend::privcmd::{OpenError, Privcmd};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::pool::{MemorySource, PoolConfig};
use hcbuf_core::{Pool, Release};

/// `--backend`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// The real Xen if `/dev/xen/privcmd` exists, else the software Xen.
    #[default]
    Auto,
    /// The real Xen, through `/dev/xen/privcmd`.
    Privcmd,
    /// The built-in software model of Xen (`--soft-xen` says which
    /// release).
    Soft,
}

/// `--soft-xen`: the release the software Xen models.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SoftRelease {
    /// Xen 4.17 (Debian 12).
    #[default]
    #[value(name = "4.17")]
    Xen4_17,
    /// Xen 4.20 (Debian 13).
    #[value(name = "4.20")]
    Xen4_20,
}

impl From<SoftRelease> for Release {
    fn from(r: SoftRelease) -> Release {
        match r {
            SoftRelease::Xen4_17 => Release::Xen4_17,
            SoftRelease::Xen4_20 => Release::Xen4_20,
        }
    }
}

/// Opens Xen as `choice` says (the software Xen modelling `soft`), or
/// explains why it cannot.
pub fn open(choice: Choice, soft_release: SoftRelease) -> Result<Xen<AnyBackend>, String> {
    match choice {
        Choice::Privcmd => real(),
        Choice::Soft => soft(soft_release),
        Choice::Auto => match Privcmd::open() {
            Ok(privcmd) => real_with(privcmd),
            Err(OpenError::NotFound { .. }) => {
                eprintln!("note: no /dev/xen/privcmd here: using hcbuf's built-in software Xen");
                soft(soft_release)
            }
            Err(e) => Err(e.to_string()),
        },
    }
}

fn real() -> Result<Xen<AnyBackend>, String> {
    real_with(Privcmd::open().map_err(|e| e.to_string())?)
}

fn real_with(privcmd: Privcmd) -> Result<Xen<AnyBackend>, String> {
    let pool = Pool::new().map_err(|e| e.to_string())?;
    Ok(Xen::new(AnyBackend::Privcmd(privcmd), pool))
}

fn soft(release: SoftRelease) -> Result<Xen<AnyBackend>, String> {
    let config = PoolConfig::default()
        .source(MemorySource::LockedAnonymous)
        .track_allocations(true);
    let pool = Pool::with_config(config).map_err(|e| e.to_string())?;
    let host = HostConfig::default().release(release.into());
    let soft = SoftXen::new(pool.clone(), host).map_err(|e| e.to_string())?;
    Ok(Xen::new(AnyBackend::Soft(soft), pool))
}
