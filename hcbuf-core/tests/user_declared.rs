//! A toolstack's own declarations, made and used as a user's crate would:
//! `hcbuf_sys::declare!` for the structs, `hcbuf_sys::prove::prove` for
//! their layout against the installed headers, and one `unsafe impl` of
//! `SubOp` to bind a declaration to its command.

mod common;

use hcbuf_core::Release;
use hcbuf_core::args::SubOp;
use hcbuf_core::args::family::Domctl;
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::sys::domctl::XEN_DOMCTL_max_mem;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::GetDomainInfo;
use hcbuf_core::{Backend, HypercallSafe, XenWritable};

/// What a user's crate declares: a struct hcbuf does not mirror, and one
/// it does (under another name), to bind to a command of its own choosing.
mod mine {
    hcbuf_core::sys::declare! {
        headers = ["xen/vcpu.h", "xen/domctl.h", "xen/sched.h"];

        /// `struct vcpu_runstate_info` (`VCPUOP_get_runstate_info`).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct vcpu_runstate_info (size 48) {
            /// The vCPU's current state (`RUNSTATE_*`).
            pub state: i32,
            /// Padding (C leaves these bytes unnamed).
            pad _pad: u32,
            /// When it entered that state (system time, ns).
            pub state_entry_time: u64,
            /// Time spent in each state (ns).
            pub time: [u64; 4],
        }

        /// `struct sched_remote_shutdown`, declared by the user as if only
        /// Xen 4.20 laid it out so (see `FOR_4_20_ONLY`).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct my_remote_shutdown (size 8, c "struct sched_remote_shutdown") {
            /// The domain.
            pub domain_id: u16,
            /// Padding (C leaves these bytes unnamed).
            pad _pad: u16,
            /// `SHUTDOWN_*`.
            pub reason: u32,
        }

        /// `struct xen_domctl_max_mem`, declared by the user.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct my_max_mem (size 8, c "struct xen_domctl_max_mem") {
            /// IN: the limit in KiB.
            pub max_memkb: u64,
        }
    }
}

// SAFETY: `my_max_mem` is laid out as `struct xen_domctl_max_mem` (proven
// by `the_users_declarations_are_proven_against_the_headers`), the member
// of `xen_domctl.u` that `XEN_DOMCTL_max_mem` reads.
unsafe impl SubOp for mine::my_max_mem {
    type Family = Domctl;
    const CMD: u32 = XEN_DOMCTL_max_mem;
}

// SAFETY: laid out as `struct sched_remote_shutdown` (proven below), the
// argument `SCHEDOP_remote_shutdown` reads; claimed for Xen 4.20 only, to
// see a 4.17 handle refuse it.
unsafe impl SubOp for mine::my_remote_shutdown {
    type Family = hcbuf_core::args::family::SchedOp;
    const CMD: u32 = hcbuf_core::sys::sched::SCHEDOP_remote_shutdown;
    const RELEASES: &'static [Release] = &[Release::Xen4_20];
}

#[test]
fn a_command_payload_of_another_release_is_refused_before_xen() {
    use hcbuf_core::api::{Error, Xen};
    use hcbuf_core::xen::OpError;
    for release in Release::ALL {
        let pool = common::tracking_pool();
        let host = HostConfig::default()
            .release(release)
            .domain(hcbuf_core::backend::soft::DomainConfig::new(1));
        let xen = Xen::new(SoftXen::new(pool.clone(), host).unwrap(), pool);
        let ask = mine::my_remote_shutdown {
            domain_id: 1,
            reason: 1,
            ..Default::default()
        };
        match (release, xen.command("sched_op remote_shutdown", ask)) {
            (Release::Xen4_20, Ok(_)) => {}
            (
                Release::Xen4_17,
                Err(Error::Op {
                    call,
                    source: OpError::NotSpoken { release, .. },
                }),
            ) => {
                assert_eq!(call, "sched_op remote_shutdown");
                assert_eq!(release, Release::Xen4_17);
                assert!(!xen.domain(1).unwrap().state.shutdown, "nothing issued");
            }
            (release, other) => panic!("{release}: {other:?}"),
        }
        assert_eq!(xen.pool().stats().live(), 0);
    }
}

/// Xen 4.17's headers: `HCBUF_XEN_INCLUDE`, else the installed
/// `libxen-dev` if it is 4.17, else bookworm's package fetched into
/// `target/` (as the ABI test does); a failure names the package.
fn include() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("HCBUF_XEN_INCLUDE") {
        return dir.into();
    }
    let version = &hcbuf_core::sys::VERSIONS[0];
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    hcbuf_core::sys::prove::headers(version, cache).unwrap_or_else(|why| panic!("{why}"))
}

#[test]
fn the_users_declarations_are_proven_against_the_headers() {
    let proof = hcbuf_core::sys::prove::prove(&[&mine::ABI], &include()).unwrap();
    assert_eq!((proof.structs, proof.fields), (3, 6), "{proof:?}");
    assert!(proof.planted.contains("caught"), "{proof:?}");
}

#[test]
fn a_wrong_declaration_of_the_users_is_caught() {
    mod wrong {
        hcbuf_core::sys::declare! {
            headers = ["xen/vcpu.h"];
            /// `state_entry_time` declared where C has padding.
            #[derive(Clone, Copy, Debug, Default)]
            pub struct vcpu_runstate_info (size 48) {
                pub state: i32,
                pub state_entry_time: u32,
                pub time: [u64; 5],
            }
        }
    }
    let err = hcbuf_core::sys::prove::prove(&[&wrong::ABI], &include()).unwrap_err();
    assert!(
        err.contains("vcpu_runstate_info.state_entry_time: offset is 4 in Rust, 8 in C"),
        "{err}"
    );
}

#[test]
fn a_declaration_is_plain_data_bound_with_one_unsafe_impl() {
    const fn writable<T: XenWritable + HypercallSafe>() {}
    writable::<mine::vcpu_runstate_info>();

    let xen = SoftXen::new(common::tracking_pool(), HostConfig::default()).unwrap();
    let mut op = Op::domctl(
        Release::Xen4_17,
        xen.pool(),
        0,
        mine::my_max_mem { max_memkb: 2 << 20 },
    )
    .unwrap();
    assert_eq!(xen.hypercall(&op.call()), Ok(0));
    let mut info = Op::domctl(Release::Xen4_17, xen.pool(), 0, GetDomainInfo::default()).unwrap();
    assert_eq!(xen.hypercall(&info.call()), Ok(0));
    assert_eq!(info.payload().max_pages, 524_288, "2 GiB is 524288 pages");
}
