//! The lowering of derived hypercalls to `(op, [u64; 5])`, seen by a
//! recording backend.

use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::version::{XENVER_extraversion, XENVER_version};
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{Backend, GuestHandle, GuestHandleMut, HypercallArgs, Pool, XenErrno};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct XenVersion<'a> {
    cmd: u32,
    arg: GuestHandleMut<'a, [u8; 16]>,
}

#[derive(HypercallArgs)]
#[hypercall(op = 99)]
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
        cmd: XENVER_extraversion,
        arg: handle,
    })
    .unwrap();
    xen.hypercall(&XenVersion {
        cmd: XENVER_version,
        arg: GuestHandleMut::null(),
    })
    .unwrap();
    assert_eq!(addr, extra.as_ptr() as u64);
    assert_eq!(
        xen.calls(),
        vec![
            (17, [u64::from(XENVER_extraversion), addr, 0, 0, 0]),
            (17, [u64::from(XENVER_version), 0, 0, 0, 0]),
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
    let call = XenVersion {
        cmd: XENVER_version,
        arg: GuestHandleMut::null(),
    };
    assert_eq!(xen.hypercall(&call), Ok(0x40011));
    let err = xen.hypercall(&call).unwrap_err();
    assert_eq!(err.to_string(), "EACCES (13)");
}
