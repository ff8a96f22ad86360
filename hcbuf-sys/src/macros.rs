//! The one macro through which every module declares its items.

/// Defines `#[repr(C)]` structs, unions, type aliases and constants, and
/// registers each of them in the module's `ABI` description
/// ([`abi::Module`](crate::abi::Module)).
///
/// Because definition and registration are the same macro call, no item of
/// this crate escapes the layout proof against Xen's headers. Every struct,
/// union and alias also states its size, asserted at compile time, so a
/// wrong edit fails to build even where the headers are absent.
///
/// ```text
/// abi! {
///     headers = ["xen/sysctl.h"];
///
///     /// Doc.
///     #[derive(Clone, Copy)]
///     pub struct xen_sysctl_sched_id (size 4) { /// Doc.
///         pub sched_id: u32 }
///     /// The C name defaults to `union NAME`; give it when C has none.
///     pub union xen_sysctl_u (size 128, c "__typeof__(((struct xen_sysctl *)0)->u)") { … }
///     /// Doc.
///     pub type xen_domain_handle_t (size 16) = [u8; 16];
///     /// Doc.
///     pub const XEN_SYSCTL_sched_id: u32 = 13;
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! abi {
    (headers = [$($h:literal),* $(,)?]; $($items:tt)*) => {
        $crate::abi!(@items [$($h),*] [] [] $($items)*);
    };

    (@items $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub struct $name:ident (size $size:literal $(, c $cty:literal)?) {
            $( $(#[$fm:meta])* pub $f:ident : $ft:ty ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $(#[$m])*
        #[repr(C)]
        pub struct $name { $( $(#[$fm])* pub $f: $ft, )* }
        $crate::abi!(@size $name $size);
        $crate::abi!(@declared $name, Struct, concat!("struct ", stringify!($name)) $(, $cty)?;
            $($f: $ft),*);
        $crate::abi!(@items $hs [$($l)*
            <$name as $crate::abi::Declared>::LAYOUT,
        ] $cs $($rest)*);
    };

    (@items $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub union $name:ident (size $size:literal $(, c $cty:literal)?) {
            $( $(#[$fm:meta])* pub $f:ident : $ft:ty ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $(#[$m])*
        #[repr(C)]
        pub union $name { $( $(#[$fm])* pub $f: $ft, )* }
        $crate::abi!(@size $name $size);
        $crate::abi!(@declared $name, Union, concat!("union ", stringify!($name)) $(, $cty)?;
            $($f: $ft),*);
        $crate::abi!(@items $hs [$($l)*
            <$name as $crate::abi::Declared>::LAYOUT,
        ] $cs $($rest)*);
    };

    (@items $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub type $name:ident (size $size:literal $(, c $cty:literal)?) = $t:ty;
        $($rest:tt)*
    ) => {
        $(#[$m])*
        pub type $name = $t;
        $crate::abi!(@size $name $size);
        $crate::abi!(@items $hs [$($l)*
            $crate::abi!(@layout $name, Alias, stringify!($name) $(, $cty)?;),
        ] $cs $($rest)*);
    };

    (@items $hs:tt $ls:tt [$($c:tt)*]
        $(#[$m:meta])*
        pub const $name:ident : $t:ty = $v:expr;
        $($rest:tt)*
    ) => {
        $(#[$m])*
        pub const $name: $t = $v;
        $crate::abi!(@items $hs $ls [$($c)*
            $crate::abi::Constant { name: stringify!($name), value: $name as u64 },
        ] $($rest)*);
    };

    (@items [$($h:literal),*] [$($l:tt)*] [$($c:tt)*]) => {
        /// The machine-readable description of this module's items (see
        /// [`abi`](crate::abi)).
        #[allow(clippy::unnecessary_cast)]
        pub const ABI: $crate::abi::Module = $crate::abi::Module {
            path: module_path!(),
            headers: &[$($h),*],
            layouts: &[$($l)*],
            consts: &[$($c)*],
        };
    };

    (@size $name:ident $size:literal) => {
        const _: () = assert!(
            ::core::mem::size_of::<$name>() == $size,
            concat!("the size of ", stringify!($name), " is not the ", stringify!($size),
                " bytes the Xen ABI gives it"),
        );
    };

    (@declared $name:ident, $kind:ident, $default_c:expr $(, $c:literal)?; $($f:ident : $ft:ty),*) => {
        impl $crate::abi::__Sealed for $name {}
        #[diagnostic::do_not_recommend]
        impl $crate::abi::Declared for $name {
            const LAYOUT: $crate::abi::Layout =
                $crate::abi!(@layout $name, $kind, $default_c $(, $c)?; $($f: $ft),*);
        }
    };

    (@layout $name:ident, $kind:ident, $default_c:expr $(, $c:literal)?; $($f:ident : $ft:ty),*) => {
        $crate::abi::Layout {
            name: stringify!($name),
            kind: $crate::abi::Kind::$kind,
            c_type: $crate::abi!(@pick $default_c $(, $c)?),
            size: ::core::mem::size_of::<$name>(),
            align: ::core::mem::align_of::<$name>(),
            fields: &[$(
                $crate::abi::Field {
                    name: stringify!($f),
                    offset: ::core::mem::offset_of!($name, $f),
                    size: ::core::mem::size_of::<$ft>(),
                },
            )*],
        }
    };

    (@pick $default:expr) => { $default };
    (@pick $default:expr, $given:literal) => { $given };
}
