//! How to use `#[derive(HypercallArgs)]`: its whole syntax, with examples
//! that compile (they are doctests). Nothing here but documentation.
//!
//! The derive describes one of three things, said by the `#[hypercall]`
//! attribute on the struct:
//!
//! | attribute | what the struct is | what the derive checks |
//! |---|---|---|
//! | `op = N` | a whole hypercall: its fields are the five registers, in order | each register against the signature of hypercall `N` (and of its command) |
//! | `op = N, signature = S` | a whole call on a hypercall hcbuf has no signature for | each register against `S`, the user's `unsafe impl Signature` |
//! | `<family> = CMD, twin = T` | a sub-op payload of `family` for command `CMD` | each field against `T`, an `hcbuf-sys` declaration; `CMD` takes `T` |
//! | `data, twin = T` | plain data laid out as `T`, bound to no command | each field against `T` |
//!
//! The families are `sysctl`, `domctl`, `xen_version`, `memory_op`,
//! `console_io` and `hypfs`. On a field, `#[hypercall(pad)]` marks bytes the
//! twin leaves as padding and `#[hypercall(whole)]` a field that is the whole
//! twin. Lifetimes are allowed (a call or payload that borrows pool memory
//! has one); type and const generics are not (each layout must be known).
//!
//! # A whole call
//!
//! Each field is a register. A command hypercall's first field is its
//! command, as a type; a pointer is a guest handle to exactly the pointee the
//! signature gives, read-only only where Xen only reads; a count is a
//! [`Count`], filled in from the [`Lent`] length of the buffer it measures.
//!
//! ```
//! use hcbuf_core::handle::Lent;
//! use hcbuf_core::signature::{Command, Count};
//! use hcbuf_core::sys::version::{XENVER_extraversion, xen_extraversion_t};
//! use hcbuf_core::sys::xen::{CONSOLEIO_write, __HYPERVISOR_console_io, __HYPERVISOR_xen_version};
//! use hcbuf_core::{GuestHandle, GuestHandleMut, HypercallArgs, Pool};
//!
//! /// `xen_version(XENVER_extraversion, buf)`.
//! #[derive(HypercallArgs)]
//! #[hypercall(op = __HYPERVISOR_xen_version)]
//! struct ExtraVersion<'a> {
//!     cmd: Command<XENVER_extraversion>,
//!     buf: GuestHandleMut<'a, xen_extraversion_t>,
//! }
//!
//! /// `console_io(CONSOLEIO_write, count, text)`.
//! #[derive(HypercallArgs)]
//! #[hypercall(op = __HYPERVISOR_console_io)]
//! struct Write<'a> {
//!     cmd: Command<CONSOLEIO_write>,
//!     count: Count,
//!     text: Lent<GuestHandle<'a, u8>>,
//! }
//!
//! let pool = Pool::new()?;
//! let mut extra = pool.boxed::<xen_extraversion_t>()?;
//! let call = ExtraVersion { cmd: Command, buf: extra.handle_mut() };
//! assert_eq!(call.registers()[0], u64::from(XENVER_extraversion));
//! let line = pool.slice_from(b"hello, xen\n")?;
//! let write = Write { cmd: Command, count: Count, text: line.lend_range(0..5).unwrap() };
//! assert_eq!(write.registers()[1], 5, "the count is the lent length");
//! # Ok::<(), hcbuf_core::PoolError>(())
//! ```
//!
//! # A hypercall hcbuf has no signature for
//!
//! The user states what Xen does with each register, in an `unsafe impl`
//! whose contract is [`Signature`]'s. A hypercall whose signature hcbuf's
//! table gives cannot be given another.
//!
//! ```
//! use hcbuf_core::signature::Signature;
//! use hcbuf_core::signature::kind::{Absent, Int, Ptr, Read};
//! use hcbuf_core::{GuestHandle, HypercallArgs};
//!
//! /// Hypercall 60 (Xen has none): an integer and one `u32` Xen reads.
//! struct Mine;
//!
//! // SAFETY: hypercall 60 reads at most one `u32` through its second
//! // register and takes nothing else as an address (Xen 4.17 has no
//! // hypercall 60 and answers `ENOSYS`).
//! unsafe impl Signature for Mine {
//!     const TEXT: &'static str = "hypercall 60(int, const uint32_t *)";
//!     type R0 = Int;
//!     type R1 = Ptr<Read, u32>;
//!     type R2 = Absent;
//!     type R3 = Absent;
//!     type R4 = Absent;
//! }
//!
//! #[derive(HypercallArgs)]
//! #[hypercall(op = 60, signature = Mine)]
//! struct Sixty<'a> {
//!     flags: u32,
//!     word: GuestHandle<'a, u32>,
//! }
//! ```
//!
//! # A payload of one's own
//!
//! A payload names its family, its command and its twin, the `hcbuf-sys`
//! declaration it is laid out as: each field has the twin's offset and the
//! twin's type; explicit `#[hypercall(pad)]` fields cover the twin's
//! padding. Carry it in an [`Op`](crate::xen::Op). (A twin's counts and
//! guest handles are private to it, set only through its setters: a
//! payload with buffers is the declaration itself, `ReadConsole` say, not
//! a copy of one's own.)
//!
//! ```
//! use hcbuf_core::sys::sysctl::{XEN_SYSCTL_availheap, xen_sysctl_availheap};
//! use hcbuf_core::xen::Op;
//! use hcbuf_core::{HypercallArgs, Pool, Release};
//!
//! #[derive(HypercallArgs, Default)]
//! #[hypercall(sysctl = XEN_SYSCTL_availheap, twin = xen_sysctl_availheap)]
//! #[repr(C)]
//! struct AvailHeap {
//!     min_bitwidth: u32,
//!     max_bitwidth: u32,
//!     node: i32,
//!     #[hypercall(pad)]
//!     _pad: u32,
//!     avail_bytes: u64,
//! }
//!
//! let pool = Pool::new()?;
//! let op = Op::sysctl(Release::Xen4_17, &pool, AvailHeap { node: -1, ..Default::default() })?;
//! assert_eq!(op.header().cmd, XEN_SYSCTL_availheap);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Nested data and `whole`
//!
//! `data` describes plain data laid out as a declaration, bound to no
//! command: an element of a buffer, or a part of a payload. A payload
//! field marked `#[hypercall(whole)]` is the whole twin: a byte array over
//! a buffer type (`xen_extraversion_t`), or data derived with the same twin.
//!
//! ```
//! use hcbuf_core::sys::memory::{XENMEM_current_reservation, xen_memory_domain};
//! use hcbuf_core::sys::version::{XENVER_extraversion, xen_extraversion_t};
//! use hcbuf_core::sys::xen::domid_t;
//! use hcbuf_core::HypercallArgs;
//!
//! /// A domain id, laid out as `xen_memory_domain`.
//! #[derive(HypercallArgs, Clone, Copy)]
//! #[hypercall(data, twin = xen_memory_domain)]
//! #[repr(C)]
//! struct Domain {
//!     domid: domid_t,
//! }
//!
//! /// `XENMEM_current_reservation` of that domain.
//! #[derive(HypercallArgs)]
//! #[hypercall(memory_op = XENMEM_current_reservation, twin = xen_memory_domain)]
//! #[repr(C)]
//! struct Current {
//!     #[hypercall(whole)]
//!     domain: Domain,
//! }
//!
//! /// The version suffix's buffer, as bytes.
//! #[derive(HypercallArgs)]
//! #[hypercall(xen_version = XENVER_extraversion, twin = xen_extraversion_t)]
//! #[repr(C)]
//! struct Extra {
//!     #[hypercall(whole)]
//!     text: [u8; 16],
//! }
//! ```
//!
//! # What does not compile
//!
//! `ui-tests/README.md` lists every mistake the derive refuses, each with
//! its reviewed compiler message: a register that does not fit the
//! signature, a command paired with another command's buffer, a field at
//! another offset or of another type than the twin's, a pointer, reference
//! or heap type anywhere, implicit padding, a twin that is not an ABI
//! declaration, a command that does not take the twin, and more.
//!
//! [`Count`]: crate::signature::Count
//! [`Lent`]: crate::handle::Lent
//! [`Signature`]: crate::signature::Signature
