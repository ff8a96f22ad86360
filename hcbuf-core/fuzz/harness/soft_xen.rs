//! The software Xen fed arbitrary argument registers and arbitrary memory
//! contents, as a buggy or hostile caller could (through `u64` registers,
//! which carry numbers, or `from_raw` handles). It must answer every call
//! with a value or an errno, never panic, and never touch memory it was
//! not lent: after every call, memory outside the pool (a canary), pool
//! buffers lent read-only, and a freed slot are all unchanged.

use arbitrary::{Arbitrary, Unstructured};
use hcbuf_core::api::Xen;
use hcbuf_core::backend::soft::SoftXen;
use hcbuf_core::sys::domctl::XEN_DOMCTL_INTERFACE_VERSION;
use hcbuf_core::sys::handles::Lending;
use hcbuf_core::sys::sysctl::XEN_SYSCTL_INTERFACE_VERSION;
use hcbuf_core::sys::xen::{
    __HYPERVISOR_console_io, __HYPERVISOR_domctl, __HYPERVISOR_event_channel_op,
    __HYPERVISOR_grant_table_op, __HYPERVISOR_hypfs_op, __HYPERVISOR_memory_op,
    __HYPERVISOR_multicall, __HYPERVISOR_sysctl, __HYPERVISOR_xen_version,
};
use hcbuf_core::{Backend, PoolSlice, XenErrno};

/// The bytes of the canary: memory outside the pool.
const CANARY: usize = 4096;
/// The largest buffer one call lends.
const MAX_BUFFER: usize = 8192;

use super::RawCall;

/// One register: a number, or an address the harness knows.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Reg {
    /// A small number: a command, a count, a domain id.
    Small(u8),
    Any(u64),
    /// Inside (or just past) one of the call's buffers.
    Buffer {
        which: u8,
        offset: u16,
    },
    /// Inside the canary, outside the pool.
    Canary(u16),
    /// The slot freed before the call.
    Freed,
}

/// A pool buffer lent to the call.
#[derive(Arbitrary, Debug)]
struct Buffer {
    len: u16,
    contents: Vec<u8>,
    /// Lent writable (Xen may write it) or read-only.
    writable: bool,
    /// Start it as a `sysctl`/`domctl` would: this command, and the
    /// interface version Xen 4.17 accepts, so that most inputs get past
    /// the version check.
    header: Option<(bool, u8, u16)>,
}

#[derive(Arbitrary, Debug)]
struct Call {
    op: u8,
    regs: [Reg; 5],
    buffers: Vec<Buffer>,
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let calls: Vec<Call> = super::steps(&mut u);
    let xen = super::soft_xen();
    let mut canary = vec![0u8; CANARY];
    for (i, b) in canary.iter_mut().enumerate() {
        *b = (i * 7 + 3) as u8;
    }
    let expected = canary.clone();
    for (n, call) in calls.iter().enumerate() {
        issue(&xen, call, &mut canary, n);
        assert_eq!(
            canary, expected,
            "call {n}: memory outside the pool changed"
        );
        assert_eq!(xen.pool().stats().live(), 0);
    }
    // Whatever happened, the model still answers as Xen 4.17.
    let version = RawCall::<__HYPERVISOR_xen_version>::new([0; 5]);
    assert_eq!(xen.backend().hypercall(&version), Ok(super::VERSION_4_17));
}

/// Issues hypercall `OP` with `registers`, lending `lent`.
fn raw<const OP: u32>(
    backend: &SoftXen,
    registers: [u64; 5],
    lent: Vec<Lending>,
) -> Result<u64, XenErrno> {
    backend.hypercall(&RawCall::<OP>::with_lent(registers, lent))
}

fn issue(xen: &Xen<SoftXen>, call: &Call, canary: &mut [u8], n: usize) {
    let pool = xen.pool();
    let mut lent: Vec<(PoolSlice<'_, u8>, bool)> = Vec::new();
    for b in call.buffers.iter().take(4) {
        let len = usize::from(b.len) % (MAX_BUFFER + 1);
        let mut bytes = vec![0u8; len];
        for (dst, src) in bytes.iter_mut().zip(&b.contents) {
            *dst = *src;
        }
        if let (Some((domctl, cmd, domid)), true) = (b.header, len >= 12) {
            let version = if domctl {
                XEN_DOMCTL_INTERFACE_VERSION
            } else {
                XEN_SYSCTL_INTERFACE_VERSION
            };
            bytes[..4].copy_from_slice(&u32::from(cmd).to_ne_bytes());
            bytes[4..8].copy_from_slice(&version.to_ne_bytes());
            if domctl {
                bytes[8..10].copy_from_slice(&(domid % 8).to_ne_bytes());
            }
        }
        let mut buf = pool.slice_from(&bytes).expect("a small buffer");
        if b.writable {
            // Lent writable: Xen may write it.
            let _ = buf.handle_mut();
        }
        lent.push((buf, b.writable));
    }
    let read_only: Vec<(usize, Vec<u8>)> = lent
        .iter()
        .enumerate()
        .filter(|(_, (_, writable))| !writable)
        .map(|(i, (buf, _))| (i, buf.to_vec()))
        .collect();

    // A slot freed just before the call (after the buffers, so none of
    // them took it): the model must not write it, or the pool would hand
    // it out again non-zero.
    let freed = pool.slice::<u8>(64).expect("a small buffer");
    let freed_addr = freed.as_ptr() as u64;
    drop(freed);

    let canary_addr = canary.as_mut_ptr() as u64;
    let reg = |r: Reg| -> u64 {
        match r {
            Reg::Small(v) => u64::from(v),
            Reg::Any(v) => v,
            Reg::Buffer { which, offset } => match lent.get(usize::from(which) % 4) {
                Some((buf, _)) => buf.as_ptr() as u64 + u64::from(offset) % (buf.len() as u64 + 1),
                None => 0,
            },
            Reg::Canary(offset) => canary_addr + u64::from(offset) % CANARY as u64,
            Reg::Freed => freed_addr,
        }
    };
    let [r0, r1, r2, r3, r4] = call.regs.map(reg);
    // Each buffer, lent with its direction, as a typed call's handles lend.
    let lending: Vec<Lending> = lent
        .iter()
        .map(|(buf, writable)| Lending {
            addr: buf.as_ptr() as u64,
            bytes: buf.len() as u64,
            writable: *writable,
        })
        .collect();
    let backend = xen.backend();
    let registers = [r0, r1, r2, r3, r4];
    let result = match call.op % 10 {
        0 => raw::<__HYPERVISOR_xen_version>(backend, registers, lending),
        1 => raw::<__HYPERVISOR_sysctl>(backend, registers, lending),
        2 => raw::<__HYPERVISOR_domctl>(backend, registers, lending),
        3 => raw::<__HYPERVISOR_memory_op>(backend, registers, lending),
        4 => raw::<__HYPERVISOR_console_io>(backend, registers, lending),
        5 => raw::<__HYPERVISOR_hypfs_op>(backend, registers, lending),
        6 => raw::<__HYPERVISOR_multicall>(backend, registers, lending),
        7 => raw::<__HYPERVISOR_event_channel_op>(backend, registers, lending),
        8 => raw::<__HYPERVISOR_grant_table_op>(backend, registers, lending),
        _ => raw::<63>(backend, registers, lending),
    };
    if let Err(XenErrno(errno)) = result {
        assert!((1..4096).contains(&errno), "call {n}: errno {errno}");
    }

    for (i, before) in read_only {
        assert_eq!(
            &lent[i].0[..],
            &before[..],
            "call {n}: a buffer lent read-only was written"
        );
    }
    assert!(
        !pool.allows(freed_addr, 1, hcbuf_core::pool::Access::Read),
        "call {n}: the freed slot is still allowed"
    );
    // The slot comes straight back (the thread's cache is last in, first
    // out), and must read zero as every allocation does.
    let again = pool.slice::<u8>(64).expect("a small buffer");
    assert_eq!(
        again.as_ptr() as u64,
        freed_addr,
        "the harness assumes the thread cache hands the freed slot back first"
    );
    assert!(
        again.iter().all(|&b| b == 0),
        "call {n}: the freed slot was written"
    );
}
