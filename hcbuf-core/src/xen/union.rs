//! Typed unions: the C unions nested in payloads, spelled
//! [`Selected`] under [`Typed`](crate::handle::Typed).
//!
//! A declaration names a nested union `H::Union<U>` (`U` its raw mirror);
//! typed, that is `Selected<'a, U>`: the union's bytes, always all
//! initialised, with one constructor per member (which zeroes the bytes the
//! member does not cover, so Xen never reads uninitialised bytes, whichever
//! member is the smallest) and one getter per member. No field is public:
//! safe code cannot write one member's bytes and have them read as
//! another's. [`typed_union!`] declares the members of each union and the
//! marker traits, bounded by the members.

use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

use hcbuf_sys::abi::Declared;

/// A nested C union `U` of a typed payload, holding the member its
/// constructor chose (see the module). `U` is a union `hcbuf-sys`
/// declares (sealed `Declared`), none of whose bytes is padding in every
/// member (`abi!` asserts it), so a move keeps every byte and the bytes
/// read here are never uninitialised.
#[repr(transparent)]
pub struct Selected<'a, U> {
    // Invariant: every byte is initialised (zeroed, then a member written
    // over it; Xen writes whole bytes).
    bytes: MaybeUninit<U>,
    _borrow: PhantomData<&'a mut ()>,
}

impl<U: Declared> Selected<'_, U> {
    /// All bytes zero: the raw union's default, and where every
    /// constructor starts.
    pub const fn zeroed() -> Self {
        Selected {
            bytes: MaybeUninit::zeroed(),
            _borrow: PhantomData,
        }
    }

    /// The union's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the pointer and length are those of `self.bytes`, whose
        // bytes are all initialised (the type's invariant).
        unsafe { std::slice::from_raw_parts(self.bytes.as_ptr().cast::<u8>(), size_of::<U>()) }
    }

    /// Writes `member` over the zeroed bytes.
    ///
    /// # Safety
    /// `M` is a member of `U`: no larger, no more aligned, and (for the
    /// invariant) without padding.
    pub(crate) unsafe fn holding<M>(member: M) -> Self {
        let mut union = Self::zeroed();
        // SAFETY: the caller guarantees `M` fits `U`'s bytes and alignment.
        unsafe { union.bytes.as_mut_ptr().cast::<M>().write(member) };
        union
    }

    /// The bytes as member `M`.
    ///
    /// # Safety
    /// As for `holding`, and every bit pattern is a valid `M`
    /// (`XenWritable`) — or the union was built holding `M`.
    pub(crate) unsafe fn member<M>(&self) -> &M {
        // SAFETY: the caller's guarantees; the bytes are initialised.
        unsafe { &*self.bytes.as_ptr().cast::<M>() }
    }
}

// Which member a union holds is its inner command's to say, which the
// union does not know: it lends nothing (a backend that checks what Xen
// touches refuses the handles of a union's member).
impl<U> hcbuf_sys::handles::Lends for Selected<'_, U> {
    // A member may hold a handle: assume one does.
    const MAY_LEND: bool = true;

    /// All bytes zero: which member holds a handle is not known, so none is
    /// kept.
    fn forget(&mut self) {
        self.bytes = MaybeUninit::zeroed();
    }

    fn lend(&self, _: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {}
}

impl<U: Declared> Default for Selected<'_, U> {
    fn default() -> Self {
        Self::zeroed()
    }
}

impl<U: Declared> PartialEq for Selected<'_, U> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<U: Declared> Eq for Selected<'_, U> {}

impl<U: Declared> fmt::Debug for Selected<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Selected")
            .field("union", &std::any::type_name::<U>())
            .finish_non_exhaustive()
    }
}

/// Declares the typed members of the raw union `$union`: a constructor and
/// a getter per member on [`Selected<'a, $union>`], and the marker traits,
/// each bounded by every member (so `Selected<'a, $union>` is plain data
/// only if every member is). Each member's size and alignment are asserted
/// not to exceed the union's.
///
/// Every member must be a declaration spelled with `Typed<'a>` or plain
/// data, with no padding (`abi!` asserts it). `builds = unsafe` makes the
/// constructors `unsafe`, which a union must be if any member may hold a
/// guest handle (asserted: `builds = safe` does not compile for it): the
/// payload's selector, a field of its own, picks the member Xen reads, and
/// must be the one built. `reads = safe` gives safe
/// getters, `reads = unsafe` gives `unsafe` ones; a member may override
/// the union's choice with `=> unsafe` (or `=> safe`) after its type. A
/// member that holds a guest handle must read `unsafe`: read through it,
/// bytes written as another member's integers would come back as a handle
/// to any address, which a bit copy could then use.
macro_rules! typed_union {
    (
        $(#[$meta:meta])*
        $union:ident<$lt:lifetime>, reads = $reads:tt, builds = $builds:tt {
            $(
                $(#[$fmeta:meta])*
                $field:ident / $getter:ident: $ty:ty $(=> $member_reads:tt)?
            ),+ $(,)?
        }
    ) => {
        // `builds = safe` only for a union no member of which may hold a
        // guest handle: otherwise the selector could pick the handle's
        // member while the bytes were built as another's integers.
        typed_union!(@builds_checked $builds $union<$lt>; $($ty),+);

        $(#[$meta])*
        impl<$lt> $crate::xen::Selected<$lt, $union> {
            $(
                typed_union!(@build [$builds] [$(#[$fmeta])*] $lt $union $field $ty);

                typed_union!(@get [$($member_reads)? $reads] $lt $field $getter $ty);
            )+
        }

        impl<$lt> ::core::clone::Clone for $crate::xen::Selected<$lt, $union>
        where $($ty: ::core::marker::Copy),+ {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<$lt> ::core::marker::Copy for $crate::xen::Selected<$lt, $union>
        where $($ty: ::core::marker::Copy),+ {}

        // SAFETY: every member is hypercall-safe (bounded here), and the
        // constructors zero the bytes a member does not cover, so no byte
        // is uninitialised; the layout is the raw union's
        // (`#[repr(transparent)]`).
        #[diagnostic::do_not_recommend]
        unsafe impl<$lt> $crate::marker::__private::Derived for $crate::xen::Selected<$lt, $union>
        where $(for<'__x> $ty: $crate::marker::XenWritable),+ {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl<$lt> $crate::marker::HypercallSafe for $crate::xen::Selected<$lt, $union>
        where $(for<'__x> $ty: $crate::marker::XenWritable),+ {}
        // SAFETY: as above; every bit pattern is valid for every member.
        #[diagnostic::do_not_recommend]
        unsafe impl<$lt> $crate::marker::XenWritable for $crate::xen::Selected<$lt, $union>
        where $(for<'__x> $ty: $crate::marker::XenWritable),+ {}
        // SAFETY: as above; no member holds an address.
        #[diagnostic::do_not_recommend]
        unsafe impl<$lt> $crate::marker::PlainData for $crate::xen::Selected<$lt, $union>
        where $(for<'__x> $ty: $crate::marker::PlainData),+ {}
    };
    (@builds_checked safe $union:ident<$lt:lifetime>; $($ty:ty),+) => {
        impl<$lt> $crate::xen::Selected<$lt, $union> {
            const BUILDS_SAFELY: () = assert!(
                !(false $(|| <$ty as hcbuf_sys::handles::Lends>::MAY_LEND)+),
                concat!(
                    "a member of `", stringify!($union), "` may hold a guest handle: its \
                     constructors must be `builds = unsafe`"
                )
            );
        }
        const _: () = $crate::xen::Selected::<'static, $union>::BUILDS_SAFELY;
    };
    (@builds_checked unsafe $union:ident<$lt:lifetime>; $($ty:ty),+) => {};
    (@build [safe] [$($fmeta:tt)*] $lt:lifetime $union:ident $field:ident $ty:ty) => {
        typed_union!(@constructor [] [$($fmeta)*] $union $field $ty);
    };
    (@build [unsafe] [$($fmeta:tt)*] $lt:lifetime $union:ident $field:ident $ty:ty) => {
        typed_union!(@constructor [unsafe] [
            $($fmeta)*
            #[doc = ""]
            #[doc = "# Safety"]
            #[doc = "The payload's selector (its `cmd`, `type`, `sched_id` or `dev`) selects \
                     this member when the payload is issued. A member of this union holds a \
                     guest handle: read as another member than the one built, the bytes \
                     written as one member's integers would be the address and count of \
                     another's handle."]
        ] $union $field $ty);
    };
    (@constructor [$($unsafe:tt)?] [$($fmeta:tt)*] $union:ident $field:ident $ty:ty) => {
        #[doc = concat!(
            "Builds the union holding `", stringify!($field), "`, its other bytes zero."
        )]
        #[doc = ""]
        $($fmeta)*
        pub $($unsafe)? fn $field(value: $ty) -> Self
        where
            $ty: $crate::marker::XenWritable,
        {
            const {
                assert!(::core::mem::size_of::<$ty>() <= ::core::mem::size_of::<$union>());
                assert!(::core::mem::align_of::<$ty>() <= ::core::mem::align_of::<$union>());
            }
            // SAFETY: the member fits the union (asserted above) and has no
            // padding (`XenWritable`, required above); for an `unsafe`
            // constructor, the caller vouches for the selector.
            unsafe { Self::holding(value) }
        }
    };
    (@get [safe $($default:tt)?] $lt:lifetime $field:ident $getter:ident $ty:ty) => {
        #[doc = concat!("The `", stringify!($field), "` member (as built, or as Xen wrote it).")]
        pub fn $getter(&self) -> &$ty
        where
            $ty: $crate::marker::PlainData,
        {
            // SAFETY: the member fits (asserted by its constructor), every
            // bit pattern of it is valid and it holds no address
            // (`PlainData`, required above).
            unsafe { self.member::<$ty>() }
        }
    };
    (@get [unsafe $($default:tt)?] $lt:lifetime $field:ident $getter:ident $ty:ty) => {
        #[doc = concat!("The `", stringify!($field), "` member (as built, or as Xen wrote it).")]
        ///
        /// # Safety
        /// The union must hold this member: built by the constructor of the
        /// same name, or written by Xen for the sub-operation that uses it.
        /// Read as another member, its guest handles would be made of the
        /// other member's bytes.
        pub unsafe fn $getter(&self) -> &$ty {
            // SAFETY: the member fits (asserted by its constructor); the
            // caller guarantees the guest handles are this member's.
            unsafe { self.member::<$ty>() }
        }
    };
}
pub(crate) use typed_union;
