//! Typed unions for the C unions nested in payloads (the derive takes no
//! unions).

/// Declares a typed `#[repr(C)]` union for a C union nested in a payload
/// (the derive takes no unions): private members, one constructor per
/// member that zeroes the bytes the member does not cover (so Xen never
/// reads uninitialised bytes, whichever member is the smallest), one
/// accessor per member, the marker traits implemented by hand, and size
/// and alignment asserted against the raw union.
///
/// Every member must be a type that implements `XenWritable` (an integer
/// or a derived struct, each checked against the raw member's twin).
/// `reads = safe` gives safe accessors, `reads = unsafe` gives `unsafe`
/// ones; a member may override the union's choice with `=> unsafe` (or
/// `=> safe`) after its type. A member that holds a guest handle
/// (`GuestHandle` or `GuestHandleMut`, directly or in a nested struct)
/// must read `unsafe`: read through it, bytes written as another member's
/// integers would come back as a handle to any address, which a bit copy
/// (or Xen, were the payload reissued) could then use.
macro_rules! typed_union {
    (
        $(#[$meta:meta])*
        pub union $name:ident<$lt:lifetime>: $twin:ty, reads = $reads:tt {
            $($members:tt)*
        }
    ) => {
        typed_union!(
            @impl [$(#[$meta])*] $name [<$lt>] [$name<'static>] $twin, $reads { $($members)* }
        );
    };
    (
        $(#[$meta:meta])*
        pub union $name:ident: $twin:ty, reads = $reads:tt {
            $($members:tt)*
        }
    ) => {
        typed_union!(@impl [$(#[$meta])*] $name [] [$name] $twin, $reads { $($members)* });
    };
    (@impl [$($meta:tt)*] $name:ident [$($gen:tt)*] [$($statik:tt)*] $twin:ty, $reads:tt {
        $(
            $(#[$fmeta:meta])*
            $field:ident / $getter:ident: $ty:ty $(=> $member_reads:tt)?
        ),+ $(,)?
    }) => {
        $($meta)*
        #[repr(C)]
        pub union $name $($gen)* {
            $($field: ::core::mem::ManuallyDrop<$ty>,)+
            /// Every byte, zeroed before a member is written.
            bytes: [u8; ::core::mem::size_of::<$twin>()],
        }

        impl $($gen)* $name $($gen)* {
            $(
                $(#[$fmeta])*
                #[doc = ""]
                #[doc = concat!(
                    "Builds the union holding `", stringify!($field), "`, its other bytes zero."
                )]
                pub fn $field(value: $ty) -> Self {
                    let mut union = Self { bytes: [0; ::core::mem::size_of::<$twin>()] };
                    union.$field = ::core::mem::ManuallyDrop::new(value);
                    union
                }

                typed_union!(@get [$($member_reads)? $reads] $field $getter $ty);
            )+
        }

        impl $($gen)* Default for $name $($gen)* {
            /// All bytes zero.
            fn default() -> Self {
                Self { bytes: [0; ::core::mem::size_of::<$twin>()] }
            }
        }

        impl $($gen)* $name $($gen)* {
            /// The union's bytes (every one initialised: see the
            /// constructors).
            pub fn as_bytes(&self) -> &[u8; ::core::mem::size_of::<$twin>()] {
                // SAFETY: every constructor (and `Default`) initialises all
                // bytes, and Xen writes whole bytes.
                unsafe { &self.bytes }
            }
        }

        impl $($gen)* PartialEq for $name $($gen)* {
            fn eq(&self, other: &Self) -> bool {
                self.as_bytes() == other.as_bytes()
            }
        }

        impl $($gen)* Eq for $name $($gen)* {}

        impl $($gen)* ::core::fmt::Debug for $name $($gen)* {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }

        // SAFETY: every member is `XenWritable` (no padding, no address but
        // guest handles, every bit pattern valid), and the constructors zero
        // the bytes a member does not cover, so no byte is uninitialised;
        // size and alignment are the raw union's (asserted below).
        #[diagnostic::do_not_recommend]
        unsafe impl $($gen)* crate::marker::__private::Derived for $name $($gen)* {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl $($gen)* crate::marker::HypercallSafe for $name $($gen)* {}
        // SAFETY: as above; every bit pattern is valid for every member.
        #[diagnostic::do_not_recommend]
        unsafe impl $($gen)* crate::marker::XenWritable for $name $($gen)* {}
        static_assertions::assert_eq_size!($($statik)*, $twin);
        static_assertions::assert_eq_align!($($statik)*, $twin);
    };
    (@get [safe $($default:tt)?] $field:ident $getter:ident $ty:ty) => {
        #[doc = concat!("The `", stringify!($field), "` member (as built, or as Xen wrote it).")]
        pub fn $getter(&self) -> &$ty {
            // SAFETY: every byte is initialised (see the constructors) and
            // valid for every member (`XenWritable`); no member of this union
            // holds a `GuestHandle`, and a `GuestHandleMut` cannot be moved
            // out of a shared reference.
            unsafe { &self.$field }
        }
    };
    (@get [unsafe $($default:tt)?] $field:ident $getter:ident $ty:ty) => {
        #[doc = concat!("The `", stringify!($field), "` member (as built, or as Xen wrote it).")]
        ///
        /// # Safety
        /// The union must hold this member: built by the constructor of the
        /// same name, or written by Xen for the sub-operation that uses it.
        /// Read as another member, its guest handles would be made of the
        /// other member's bytes.
        pub unsafe fn $getter(&self) -> &$ty {
            // SAFETY: every byte is initialised (see the constructors); the
            // caller guarantees the guest handles are this member's.
            unsafe { &self.$field }
        }
    };
}
pub(crate) use typed_union;
