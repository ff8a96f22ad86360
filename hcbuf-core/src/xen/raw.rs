//! Which commands take which declaration: the table every family module
//! keeps, from which come the typed payload names, the [`SubOp`] impls
//! (the command is part of the payload's type) and the [`RawPayload`]
//! table the derive checks a user's payload against.
//!
//! A declaration taken by one command is that command's payload itself
//! (`ReadConsole<'a>` is `xen_sysctl_readconsole<Typed<'a>>`); one taken by
//! several is wrapped in [`Cmd`], which names the command
//! (`GetHvmContext<'a>` is `Cmd<XEN_DOMCTL_gethvmcontext,
//! xen_domctl_hvmcontext<Typed<'a>>>`). Element types of a payload's
//! buffers and nested structs are bound to no command and are not listed.

use std::ops::{Deref, DerefMut};

use crate::args::family::Family;

/// A raw `hcbuf-sys` type that is the payload of some commands of a family.
/// Sealed: the table is hcbuf's, checked against Xen's headers; a type of
/// another crate that claimed to be a command's payload would let a
/// too-small buffer reach Xen.
pub trait RawPayload: crate::marker::sealed::CoreOnly {
    /// The family whose commands take it.
    type Family: Family;
    /// The commands that take it.
    const CMDS: &'static [u32];
    /// The releases whose layout the twin is (`@ Xen4_17` in the table: a
    /// later release changed it).
    const RELEASES: &'static [crate::release::Release] = &crate::release::Release::ALL;
    /// The derive's error for a payload of this twin with another command:
    /// the family tables name the commands that take the twin.
    const WRONG_COMMAND: &'static str = "this command does not take the twin";
}

/// Payload `P` for command `C`, where several commands take the same
/// declaration (`get` and `set` pairs). Only the pairs the family tables
/// list are sub-op payloads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(transparent)]
pub struct Cmd<const C: u32, P>(pub P);

impl<const C: u32, P> Cmd<C, P> {
    /// `payload` for command `C` (`GetHvmContext::new(HvmContext { .. })`).
    pub const fn new(payload: P) -> Self {
        Cmd(payload)
    }
}

impl<const C: u32, P> Deref for Cmd<C, P> {
    type Target = P;
    fn deref(&self) -> &P {
        &self.0
    }
}

impl<const C: u32, P> DerefMut for Cmd<C, P> {
    fn deref_mut(&mut self) -> &mut P {
        &mut self.0
    }
}

impl<const C: u32, P: hcbuf_sys::handles::Lends> hcbuf_sys::handles::Lends for Cmd<C, P> {
    const MAY_LEND: bool = P::MAY_LEND;

    fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {
        self.0.lend(to);
    }

    fn forget(&mut self) {
        self.0.forget();
    }
}

// SAFETY: `#[repr(transparent)]` over `P`: its properties are `P`'s.
#[diagnostic::do_not_recommend]
unsafe impl<const C: u32, P: crate::HypercallSafe> crate::marker::__private::Derived for Cmd<C, P> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<const C: u32, P: crate::HypercallSafe> crate::HypercallSafe for Cmd<C, P> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<const C: u32, P: crate::XenWritable> crate::XenWritable for Cmd<C, P> {}

/// Declares a family's payloads: for each declaration, the commands that
/// take it and the typed name of each.
///
/// ```text
/// payloads!(family::Sysctl {
///     /// Doc of the typed name.
///     ReadConsole<'a>: xen_sysctl_readconsole<Typed<'a>> = XEN_SYSCTL_readconsole;
///     /// Doc of the declaration's typed name (two commands take it).
///     HvmContext<'a>: xen_domctl_hvmcontext<Typed<'a>> =
///         XEN_DOMCTL_gethvmcontext as GetHvmContext, XEN_DOMCTL_sethvmcontext as SetHvmContext;
/// });
/// ```
macro_rules! payloads {
    ($family:ty $(, pointer = $dir:ident)? { $($entries:tt)* }) => {
        $crate::xen::raw::payloads!(@table $family, [$($dir)?] { $($entries)* });
    };
    (@table $family:ty, $dir:tt { $(
        $(#[$m:meta])*
        $name:ident $(<$lt:lifetime>)? : $twin:ident $(<$targ:ty>)? =
            $($cmd:ident $(as $alias:ident)?),+ $(@ $($release:ident),+)?;
    )* }) => {$(
        $(#[$m])*
        pub type $name $(<$lt>)? = $twin $(<$targ>)?;

        #[diagnostic::do_not_recommend]
        impl $crate::marker::sealed::CoreOnly for $twin {}
        impl $crate::xen::RawPayload for $twin {
            type Family = $family;
            const CMDS: &'static [u32] = &[$($cmd),+];
            const RELEASES: &'static [$crate::release::Release] =
                $crate::xen::raw::payloads!(@releases [$($($release),+)?]);
            const WRONG_COMMAND: &'static str = concat!(
                "this command does not take `", stringify!($twin), "`: the header's command and \
                 the payload would disagree, and Xen would read the payload as another \
                 command's; `", stringify!($twin), "` is the payload of",
                $(" `", stringify!($cmd), "`",)+
                " only: use one of those, or the twin of the command you mean"
            );
        }

        // SAFETY: the layout is the declaration's, proven against Xen's
        // headers.
        unsafe impl $(<$lt>)? $crate::__private::HasTwin for $twin $(<$targ>)? {
            type Twin = $twin;
        }

        $crate::xen::raw::payloads!(@bind $family, $dir [$($lt)?] $name $twin [$($targ)?];
            $($cmd $(as $alias)?),+);
    )*};
    // The releases a table row is for: every one, unless it names some.
    (@releases []) => { &$crate::release::Release::ALL };
    (@releases [$($release:ident),+]) => { &[$($crate::release::Release::$release),+] };
    // One command: the declaration is its payload.
    (@bind $family:ty, $dir:tt [$($lt:lifetime)?] $name:ident $twin:ident [$($targ:ty)?];
        $cmd:ident) => {
        // SAFETY: `$cmd` is the command that takes `$twin` (the table
        // above), and the payload is laid out as `$twin`.
        #[diagnostic::do_not_recommend]
        unsafe impl $(<$lt>)? $crate::args::SubOp for $twin $(<$targ>)? {
            type Family = $family;
            const CMD: u32 = $cmd;
            const RELEASES: &'static [$crate::release::Release] =
                <$twin as $crate::xen::RawPayload>::RELEASES;
        }
        $crate::xen::raw::payloads!(@signature $family, $dir, $cmd,
            $crate::xen::raw::payloads!(@static [$($lt)?] $name), $twin);
    };
    // Several commands: one `Cmd` alias each, one at a time (the
    // lifetime repeats once per alias).
    (@bind $family:ty, $dir:tt [$($lt:lifetime)?] $name:ident $twin:ident [$($targ:ty)?];
        $cmd:ident as $alias:ident $(, $more:ident as $more_alias:ident)*) => {
        #[doc = concat!("`", stringify!($cmd), "`: a [`", stringify!($twin), "`] for this command.")]
        pub type $alias $(<$lt>)? = $crate::xen::Cmd<$cmd, $twin $(<$targ>)?>;

        // SAFETY: `$cmd` is one of the commands that take `$twin`, and
        // `Cmd` is laid out as its payload.
        #[diagnostic::do_not_recommend]
        unsafe impl $(<$lt>)? $crate::args::SubOp for $crate::xen::Cmd<$cmd, $twin $(<$targ>)?> {
            type Family = $family;
            const CMD: u32 = $cmd;
            const RELEASES: &'static [$crate::release::Release] =
                <$twin as $crate::xen::RawPayload>::RELEASES;
        }

        $crate::xen::raw::payloads!(@signature $family, $dir, $cmd,
            $crate::xen::raw::payloads!(@static [$($lt)?] $alias), $twin);

        $crate::xen::raw::payloads!(@bind $family, $dir [$($lt)?] $name $twin [$($targ)?];
            $($more as $more_alias),*);
    };
    (@bind $family:ty, $dir:tt [$($lt:lifetime)?] $name:ident $twin:ident [$($targ:ty)?];) => {};

    // A command hypercall's family (`pointer = <direction>`): the command's
    // signature is its command, then a pointer to its payload. `pointer =
    // Buffer`: the pointer is the family's own buffer, which only the
    // family's call lowers (a whole call of the user's cannot).
    (@signature $family:ty, [], $cmd:ident, $payload:ty, $twin:ident) => {};
    (@signature $family:ty, [Buffer], $cmd:ident, $payload:ty, $twin:ident) => {
        impl $crate::signature::CommandSignature<$cmd> for $family {
            const TEXT: &'static str = concat!("(", stringify!($cmd), ", ", stringify!($twin), " *)");
            type R1 = $crate::signature::kind::Buffer<$family>;
            type R2 = <$family as $crate::xen::PointerFamily>::Count;
            type R3 = $crate::signature::kind::Absent;
            type R4 = $crate::signature::kind::Absent;
        }
    };
    (@signature $family:ty, [$dir:ident], $cmd:ident, $payload:ty, $twin:ident) => {
        impl $crate::signature::CommandSignature<$cmd> for $family {
            const TEXT: &'static str = concat!("(", stringify!($cmd), ", ", stringify!($twin), " *)");
            type R1 = $crate::signature::kind::Ptr<$crate::signature::kind::$dir, $payload>;
            type R2 = $crate::signature::kind::Absent;
            type R3 = $crate::signature::kind::Absent;
            type R4 = $crate::signature::kind::Absent;
        }
    };

    // The payload's name with its lifetime, if any, `'static`.
    (@static [] $name:ident) => { $name };
    (@static [$lt:lifetime] $name:ident) => { $name<'static> };
}
pub(crate) use payloads;

/// Payload `P` of command `C`, a sub-op payload inside this crate only:
/// for a command that can act on the calling domain itself (through
/// privcmd, dom0: its kernel's event channels, the host's shutdown), which
/// only the [`Xen`](crate::api::Xen) method that checks its arguments
/// issues. Its raw struct is not in the twin table ([`RawPayload`]), so no
/// derive takes it either.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct Guarded<const C: u32, P>(pub(crate) P);

impl<const C: u32, P: hcbuf_sys::handles::Lends> hcbuf_sys::handles::Lends for Guarded<C, P> {
    const MAY_LEND: bool = P::MAY_LEND;

    fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {
        self.0.lend(to);
    }

    fn forget(&mut self) {
        self.0.forget();
    }
}

// SAFETY: `#[repr(transparent)]` over `P`: its properties are `P`'s.
unsafe impl<const C: u32, P: crate::HypercallSafe> crate::marker::__private::Derived
    for Guarded<C, P>
{
}
// SAFETY: as above.
unsafe impl<const C: u32, P: crate::HypercallSafe> crate::HypercallSafe for Guarded<C, P> {}
// SAFETY: as above.
unsafe impl<const C: u32, P: crate::XenWritable> crate::XenWritable for Guarded<C, P> {}

/// The [`Guarded`] commands of a family: `command: raw struct;`.
macro_rules! guarded {
    ($family:ty { $($cmd:ident: $twin:ident;)* }) => {$(
        // SAFETY: `$cmd` takes `struct $twin` (Xen's public header), which
        // `Guarded` is laid out as (`#[repr(transparent)]`), proven by
        // `abi!`.
        unsafe impl $crate::args::SubOp for $crate::xen::raw::Guarded<$cmd, $twin> {
            type Family = $family;
            const CMD: u32 = $cmd;
        }
    )*};
}
pub(crate) use guarded;
