//! The lowering of derived hypercalls to `(op, [u64; 5])`, seen by a
//! recording backend.

use hcbuf_core::backend::Recording;
use hcbuf_core::signature::kind::{Int, Ptr, Read};
use hcbuf_core::signature::{Command, Signature};
use hcbuf_core::sys::version::{XENVER_extraversion, xen_extraversion_t};
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::xen::version::VersionNumber;
use hcbuf_core::{Backend, GuestHandle, GuestHandleMut, HypercallArgs, Pool, XenErrno};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct XenVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    arg: GuestHandleMut<'a, xen_extraversion_t>,
}

/// The signature of hypercall 99, which Xen does not have: four integers
/// and a pointer Xen would read one `u32` through.
struct FiveArgsSignature;

// SAFETY: hypercall 99 does not exist; these tests hand it only to a
// recorder, which reads no memory.
unsafe impl Signature for FiveArgsSignature {
    const TEXT: &'static str = "hypercall 99(int, long, const uint32_t *, char, long)";
    type R0 = Int;
    type R1 = Int;
    type R2 = Ptr<Read, u32>;
    type R3 = Int;
    type R4 = Int;
}

#[derive(HypercallArgs)]
#[hypercall(op = 99, signature = FiveArgsSignature)]
struct FiveArgs<'a> {
    a: i32,
    b: u64,
    c: GuestHandle<'a, u32>,
    d: u8,
    e: i64,
}

#[test]
fn registers_carry_numbers_and_pool_addresses_in_order() {
    let pool = Pool::locked_anonymous();
    let mut extra = pool.boxed::<[u8; 16]>().unwrap();
    let xen = Recording::new();
    let handle = extra.handle_mut();
    let addr = handle.addr();
    xen.hypercall(&XenVersion {
        cmd: Command,
        arg: handle,
    })
    .unwrap();
    xen.hypercall(&VersionNumber::default()).unwrap();
    assert_eq!(addr, extra.as_ptr() as u64);
    assert_eq!(
        xen.calls(),
        vec![
            (17, [u64::from(XENVER_extraversion), addr, 0, 0, 0]),
            (17, [0, 0, 0, 0, 0]),
        ]
    );
}

#[test]
fn all_five_registers_and_sign_extension() {
    let pool = Pool::locked_anonymous();
    let words = pool.slice_from(&[1u32, 2, 3, 4]).unwrap();
    let xen = Recording::new();
    let c = words.handle_range(2..4).unwrap();
    xen.hypercall(&FiveArgs {
        a: -1,
        b: 7,
        c,
        d: 255,
        e: -2,
    })
    .unwrap();
    let offset = words.as_ptr() as u64 + 8;
    assert_eq!(
        xen.calls(),
        vec![(99, [u64::MAX, 7, offset, 255, (-2i64) as u64])]
    );
    assert!(words.handle_range(3..5).is_none(), "out of range");
}

#[test]
fn a_handle_to_no_elements_is_null_not_the_next_buffer() {
    let pool = Pool::locked_anonymous();
    let mut words = pool.slice_from(&[1u32, 2, 3, 4]).unwrap();
    // `4..4` is in bounds, and its address would be the next slot's.
    assert!(words.handle_range(4..4).unwrap().is_null());
    assert!(words.handle_range(1..1).unwrap().is_null());
    assert!(words.handle_range_mut(4..4).unwrap().is_null());
    assert!(!words.handle_range(3..4).unwrap().is_null());
}

#[test]
fn replies_and_errors_come_back() {
    let xen = Recording::new();
    xen.reply(Ok(0x40011));
    xen.reply(Err(XenErrno(13)));
    let call = VersionNumber::default();
    assert_eq!(xen.hypercall(&call), Ok(0x40011));
    let err = xen.hypercall(&call).unwrap_err();
    assert_eq!(err.to_string(), "EACCES (13)");
}
