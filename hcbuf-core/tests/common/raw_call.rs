//! A call with whatever registers a test puts there, shared by the
//! integration tests (`common`) and the fuzz harness, which includes this
//! file by path.

use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::handles::Lending;

/// A call of hypercall `OP` with whatever registers a test puts there: what
/// no safe code can issue (a derived call is checked against its
/// signature), to see the software Xen refuse it. It implements the traits
/// through their documented `unsafe` escape, the hidden `Derived` seal,
/// and lends the backend only what the test says ([`RawCall::lending`]).
pub struct RawCall<const OP: u32> {
    registers: [u64; 5],
    lent: Vec<Lending>,
}

impl<const OP: u32> RawCall<OP> {
    /// The call, lending nothing.
    pub fn new(registers: [u64; 5]) -> Self {
        RawCall {
            registers,
            lent: Vec::new(),
        }
    }

    /// The call, lending `lent` (the caller's pool buffers, kept alive and
    /// untouched until the call returns).
    pub fn with_lent(registers: [u64; 5], lent: Vec<Lending>) -> Self {
        RawCall { registers, lent }
    }

    /// The call, also lending `bytes` at `addr` (writable if `writable`).
    /// The test keeps that memory, pool memory it owns, alive and untouched
    /// until the call returns.
    pub fn lending(mut self, addr: u64, bytes: u64, writable: bool) -> Self {
        self.lent.push(Lending {
            addr,
            bytes,
            writable,
        });
        self
    }
}

// SAFETY: test code: the registers are deliberately unchecked, and the only
// backend the tests and the fuzz harness hand a `RawCall` to is the software
// Xen (or a recorder), which checks every address it is given against the memory the
// call lends and the pool's live allocations, and touches nothing else.
// What a test lends is pool memory it owns and keeps borrowed for the call
// (`lending`).
unsafe impl<const OP: u32> hcbuf_core::marker::__private::Derived for RawCall<OP> {}
// SAFETY: as above.
unsafe impl<const OP: u32> HypercallArgs for RawCall<OP> {
    const OP: u64 = OP as u64;
    fn registers(&self) -> [u64; 5] {
        self.registers
    }
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        for &range in &self.lent {
            to(range);
        }
    }
}
