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
///     /// A struct with guest handles is generic over their spelling
///     /// (`hcbuf_sys::handles`); explicit padding is a `pad` field. Each
///     /// guest handle is a private `handle` field, with its getter and
///     /// setter names and its extent: the elements Xen touches, over the
///     /// private `count` fields it names (`[unbounded]` where Xen decides
///     /// them itself: the setter is then `unsafe`). A handle's setter
///     /// takes a `Lent` buffer and refuses one shorter than the extent; a
///     /// count's setter is refused once a buffer is lent.
///     pub struct xen_sysctl_readconsole<H> (size 24) {
///         pub index: u32, …
///         handle buffer / set_buffer: H::Out<u8> [count => count],
///         count count / set_count: u32,
///         pad _pad: u32,
///     }
///     /// Extents are `Extent` arithmetic (saturating `u64`): `[num_nodes
///     /// => num_nodes * num_nodes]`, `[nr_bits => (nr_bits + 7) / 8]`,
///     /// `[=> Extent(1)]`.
///     /// Integers Xen reads as addresses: never plain data.
///     pub struct multicall_entry (size 64; addresses) { … }
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
        $crate::abi!(@items Declared [$($h),*] [] [] $($items)*);
    };
    // A declaration of the user's (`declare!`): the same, but described
    // by `abi::Described`, not `abi::Declared` (hcbuf's proven ABI).
    (@user headers = [$($h:literal),* $(,)?]; $($items:tt)*) => {
        $crate::abi!(@items Described [$($h),*] [] [] $($items)*);
    };

    // A struct with guest handles (or nested unions): generic over how
    // they are spelled, `Raw` by default. Counts (`count`) and the handles
    // they measure (`handle`) are private, each with a getter and a setter
    // that keeps every count within the buffer its handle was lent from.
    (@items $mode:ident $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub struct $name:ident <$h:ident> (size $size:literal $(, c $cty:literal)?) {
            $( $(#[$fm:meta])* $vis:ident $f:ident $(/ $setter:ident)? : $ft:ty
                $([$($ext:tt)*])? ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $crate::abi!(@define [$(#[$m])*] $name $h []
            $( [$(#[$fm])*] $vis $f : $ft; )*);
        $crate::abi!(@size $name $size);
        $crate::abi!(@declared $mode $name, Struct, $crate::__core::concat!("struct ", $crate::__core::stringify!($name)) $(, $cty)?;
            [$h] $name<$h>; by_field $($vis $f: $ft),*);
        $crate::abi!(@std [$h: $crate::handles::Handles] $name $name<$h>; $($f: $ft),*);
        $crate::abi!(@accessors $name $h [$($vis $f),*]
            $( [$(#[$fm])*] $vis $f $(/ $setter)? : $ft $([$($ext)*])?; )*);
        impl<$h: $crate::handles::Handles> $crate::handles::Lends for $name<$h> {
            const MAY_LEND: bool = false $(|| $crate::abi!(@may_lend $vis $ft))*;

            fn lend(&self, to: &mut dyn $crate::__core::ops::FnMut($crate::handles::Lending)) {
                $( $crate::abi!(@lend self to $vis $f $([$($ext)*])?); )*
            }

            fn forget(&mut self) {
                $( $crate::abi!(@forget self $vis $f); )*
            }
        }
        $crate::abi!(@items $mode $hs [$($l)*
            <$name as $crate::abi::$mode>::LAYOUT,
        ] $cs $($rest)*);
    };

    (@items $mode:ident $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub struct $name:ident (size $size:literal $(, c $cty:literal)? $(; $addresses:ident)?) {
            $( $(#[$fm:meta])* $vis:ident $f:ident : $ft:ty ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $crate::abi!(@struct [$(#[$m])*] [$($addresses)?] $name;
            $( [$(#[$fm])*] pub $f : $ft, )*);
        $crate::abi!(@size $name $size);
        $crate::abi!(@declared $mode $name, Struct, $crate::__core::concat!("struct ", $crate::__core::stringify!($name)) $(, $cty)?;
            [__H] $name; by_field $($vis $f: $ft),*);
        $crate::abi!(@lends_nothing $name);
        $crate::abi!(@items $mode $hs [$($l)*
            <$name as $crate::abi::$mode>::LAYOUT,
        ] $cs $($rest)*);
    };

    (@items $mode:ident $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub union $name:ident (size $size:literal $(, c $cty:literal)?) {
            $( $(#[$fm:meta])* $vis:ident $f:ident : $ft:ty ),* $(,)?
        }
        $($rest:tt)*
    ) => {
        $(#[$m])*
        #[repr(C)]
        pub union $name { $( $(#[$fm])* pub $f: $ft, )* }
        $crate::abi!(@size $name $size);
        // No byte of a union is padding in every member: a move of it (or
        // of a `MaybeUninit` of it) keeps every byte, so none is ever read
        // uninitialised. Where C's union is larger than its largest
        // member, a `pad` member covers it.
        const _: () = $crate::__core::assert!(
            $crate::__core::mem::size_of::<$name>() == $crate::abi::largest(&[$($crate::__core::mem::size_of::<$ft>()),*]),
            $crate::__core::concat!("`", $crate::__core::stringify!($name), "` is larger than its largest member: declare a `pad` member of its whole size")
        );
        $crate::abi!(@declared $mode $name, Union, $crate::__core::concat!("union ", $crate::__core::stringify!($name)) $(, $cty)?;
            [__H] $name; by_type $($vis $f: $ft),*);
        $crate::abi!(@lends_nothing $name);
        $crate::abi!(@items $mode $hs [$($l)*
            <$name as $crate::abi::$mode>::LAYOUT,
        ] $cs $($rest)*);
    };

    (@items $mode:ident $hs:tt [$($l:tt)*] $cs:tt
        $(#[$m:meta])*
        pub type $name:ident (size $size:literal $(, c $cty:literal)?) = $t:ty;
        $($rest:tt)*
    ) => {
        $(#[$m])*
        pub type $name = $t;
        $crate::abi!(@size $name $size);
        $crate::abi!(@items $mode $hs [$($l)*
            $crate::abi!(@layout $name, Alias, $crate::__core::stringify!($name) $(, $cty)?; [$t] by_type),
        ] $cs $($rest)*);
    };

    (@items $mode:ident $hs:tt $ls:tt [$($c:tt)*]
        $(#[$m:meta])*
        pub const $name:ident : $t:ty = $v:expr;
        $($rest:tt)*
    ) => {
        $(#[$m])*
        pub const $name: $t = $v;
        $crate::abi!(@items $mode $hs $ls [$($c)*
            $crate::abi::Constant { name: $crate::__core::stringify!($name), value: $name as u64 },
        ] $($rest)*);
    };

    (@items $mode:ident [$($h:literal),*] [$($l:tt)*] [$($c:tt)*]) => {
        /// The machine-readable description of this module's items (see
        /// [`abi`](crate::abi)).
        #[allow(clippy::unnecessary_cast)]
        pub const ABI: $crate::abi::Module = $crate::abi::Module {
            path: $crate::__core::module_path!(),
            headers: &[$($h),*],
            layouts: &[$($l)*],
            consts: &[$($c)*],
        };
    };

    // The fields of a generic declaration, one at a time: `pub` and `pad`
    // fields public, counts and measured handles private; then the struct.
    (@define $m:tt $name:ident $h:ident [$($acc:tt)*]) => {
        $crate::abi!(@struct $m [] $name<$h>; $($acc)*);
    };
    (@define $m:tt $name:ident $h:ident [$($acc:tt)*]
        [$($fm:tt)*] pub $f:ident : $ft:ty; $($rest:tt)*) => {
        $crate::abi!(@define $m $name $h [$($acc)* [$($fm)*] pub $f: $ft,] $($rest)*);
    };
    (@define $m:tt $name:ident $h:ident [$($acc:tt)*]
        [$($fm:tt)*] pad $f:ident : $ft:ty; $($rest:tt)*) => {
        $crate::abi!(@define $m $name $h [$($acc)* [$($fm)*] pub $f: $ft,] $($rest)*);
    };
    (@define $m:tt $name:ident $h:ident [$($acc:tt)*]
        [$($fm:tt)*] count $f:ident : $ft:ty; $($rest:tt)*) => {
        $crate::abi!(@define $m $name $h [$($acc)* [$($fm)*] $f: $ft,] $($rest)*);
    };
    (@define $m:tt $name:ident $h:ident [$($acc:tt)*]
        [$($fm:tt)*] handle $f:ident : $ft:ty; $($rest:tt)*) => {
        $crate::abi!(@define $m $name $h [$($acc)* [$($fm)*] $f: $ft,] $($rest)*);
    };

    // A struct, its padding check and its marker traits, in one arm: the
    // traits are bounded by exactly the field types the struct is defined
    // with, so this arm, invoked on its own, vouches only for the struct it
    // defines. `addresses`: integers Xen reads as addresses (a multicall
    // entry's arguments), never `PlainData`.
    (@struct $m:tt [] $name:ident $(<$h:ident>)?; $( [$($fm:tt)*] $fv:vis $f:ident : $ft:ty, )*) => {
        $crate::abi!(@struct $m [addresses] $name $(<$h>)?; $( [$($fm)*] $fv $f : $ft, )*);
        // SAFETY: as for the other markers (below), and no field holds an
        // address.
        #[diagnostic::do_not_recommend]
        unsafe impl$(<$h: $crate::handles::Handles>)? $crate::marker::PlainData for $name $(<$h>)?
        where $(for<'__x> $ft: $crate::marker::PlainData),* {}
    };
    (@struct [$($m:tt)*] [addresses] $name:ident $(<$h:ident>)?;
        $( [$($fm:tt)*] $fv:vis $f:ident : $ft:ty, )*) => {
        $($m)*
        #[repr(C)]
        pub struct $name $(<$h: $crate::handles::Handles = $crate::handles::Raw>)? {
            $( $($fm)* $fv $f: $ft, )*
        }
        $crate::abi!(@padding $name; $($f: $ft),*);
        // The marker traits, each bounded by every field: a declaration is
        // plain data (or Xen-writable, or hypercall-safe) exactly when its
        // fields are, for the handle spelling in use. (`for<'__x>` keeps a
        // bound on a concrete field type from being a trivially false one.)
        //
        // SAFETY: no implicit padding (asserted just above, for the `Raw`
        // spelling; other spellings have its layout by `Handles`'s
        // contract), and every field is hypercall-safe.
        #[diagnostic::do_not_recommend]
        unsafe impl$(<$h: $crate::handles::Handles>)? $crate::marker::__private::Derived for $name $(<$h>)?
        where $(for<'__x> $ft: $crate::marker::HypercallSafe),* {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl$(<$h: $crate::handles::Handles>)? $crate::marker::HypercallSafe for $name $(<$h>)?
        where $(for<'__x> $ft: $crate::marker::HypercallSafe),* {}
        // SAFETY: as above, and every bit pattern of every field is valid.
        #[diagnostic::do_not_recommend]
        unsafe impl$(<$h: $crate::handles::Handles>)? $crate::marker::XenWritable for $name $(<$h>)?
        where $(for<'__x> $ft: $crate::marker::XenWritable),* {}
    };

    // The getters and setters of the counts and measured handles.
    (@accessors $name:ident $h:ident $all:tt $(
        [$($fm:tt)*] $vis:ident $f:ident $(/ $setter:ident)? : $ft:ty $([$($ext:tt)*])?;
    )*) => {
        impl<$h: $crate::handles::Handles> $name<$h> {
            $( $crate::abi!(@access [$($fm)*] $all $vis $f $(/ $setter)? : $ft $([$($ext)*])?); )*
        }
    };
    (@access $fm:tt $all:tt pub $f:ident : $ft:ty) => {};
    (@access $fm:tt $all:tt pad $f:ident : $ft:ty) => {};
    (@access [$($fm:tt)*] $all:tt count $f:ident / $setter:ident : $ft:ty) => {
        $($fm)*
        pub fn $f(&self) -> $ft {
            self.$f
        }

        #[doc = $crate::__core::concat!(
            "Sets `", $crate::__core::stringify!($f), "`. Refused once a buffer is lent to \
             this struct: set the counts first, then lend the buffers, each checked against \
             them.")]
        pub fn $setter(&mut self, value: $ft) -> $crate::__core::result::Result<(), $crate::handles::LendError> {
            if $crate::abi!(@any_lent self $all) {
                return $crate::__core::result::Result::Err($crate::handles::LendError::CountAfterBuffer {
                    count: $crate::__core::stringify!($f),
                });
            }
            self.$f = value;
            $crate::__core::result::Result::Ok(())
        }
    };
    (@access [$($fm:tt)*] $all:tt handle $f:ident / $setter:ident : $ft:ty [unbounded]) => {
        $($fm)*
        pub fn $f(&self) -> &$ft {
            &self.$f
        }

        #[doc = $crate::__core::concat!("Sets `", $crate::__core::stringify!($f), "`.")]
        ///
        /// # Safety
        /// Xen decides how many elements it touches through this handle (no
        /// count of this struct bounds it; see the field's documentation):
        /// unless null, `handle` must reach at least that many, with the
        /// access its type claims, for as long as it lives.
        pub unsafe fn $setter(&mut self, handle: $ft) {
            self.$f = handle;
        }
    };
    (@access [$($fm:tt)*] $all:tt handle $f:ident / $setter:ident : $ft:ty
        [$($count:ident),* => $extent:expr]) => {
        $($fm)*
        pub fn $f(&self) -> &$ft {
            &self.$f
        }

        #[doc = $crate::__core::concat!(
            "Sets `", $crate::__core::stringify!($f), "` from a lent buffer, which must hold the \
             elements Xen touches with the counts as they are now (`",
            $crate::__core::stringify!($extent), "`), an empty buffer included; no buffer (`Lent::none()`) always \
             fits.")]
        pub fn $setter(&mut self, lent: $crate::handles::Lent<$ft>) -> $crate::__core::result::Result<(), $crate::handles::LendError> {
            if !lent.is_none() {
                #[allow(unused_imports)]
                use $crate::handles::Extent;
                $( let $count = $crate::handles::Extent::of(self.$count); )*
                let needs: $crate::handles::Extent = $extent;
                needs.fits($crate::__core::stringify!($f), lent.len())?;
            }
            self.$f = lent.into_handle();
            $crate::__core::result::Result::Ok(())
        }
    };
    // What a field lends Xen: a measured handle its extent, a nested
    // declaration what it lends, a count nothing.
    (@lend $self:ident $to:ident count $f:ident) => {};
    (@lend $self:ident $to:ident handle $f:ident [unbounded]) => {};
    (@lend $self:ident $to:ident handle $f:ident [$($count:ident),* => $extent:expr]) => {
        if !$crate::handles::Handle::is_null(&$self.$f) {
            #[allow(unused_imports)]
            use $crate::handles::Extent;
            $( let $count = $crate::handles::Extent::of($self.$count); )*
            let elements: $crate::handles::Extent = $extent;
            $crate::handles::Handle::lend(&$self.$f, elements, $to);
        }
    };
    (@lend $self:ident $to:ident $vis:ident $f:ident) => {
        $crate::handles::Lends::lend(&$self.$f, $to);
    };
    (@may_lend handle $ft:ty) => { true };
    (@may_lend count $ft:ty) => { false };
    (@may_lend $vis:ident $ft:ty) => { <$ft as $crate::handles::Lends>::MAY_LEND };
    (@forget $self:ident count $f:ident) => {};
    (@forget $self:ident handle $f:ident) => {
        $self.$f = $crate::__core::default::Default::default();
    };
    (@forget $self:ident $vis:ident $f:ident) => {
        $crate::handles::Lends::forget(&mut $self.$f);
    };
    (@lends_nothing $name:ident) => {
        impl $crate::handles::Lends for $name {
            fn lend(&self, _: &mut dyn $crate::__core::ops::FnMut($crate::handles::Lending)) {}
        }
    };

    (@any_lent $self:ident [$($vis:ident $f:ident),*]) => {
        false $(|| $crate::abi!(@lent $vis $self $f))*
    };
    (@lent handle $self:ident $f:ident) => { !$crate::handles::Handle::is_null(&$self.$f) };
    (@lent $vis:ident $self:ident $f:ident) => { false };

    (@size $name:ident $size:literal) => {
        const _: () = $crate::__core::assert!(
            $crate::__core::mem::size_of::<$name>() == $size,
            $crate::__core::concat!("the size of ", $crate::__core::stringify!($name), " is not the ", $crate::__core::stringify!($size),
                " bytes the Xen ABI gives it"),
        );
    };

    (@declared Declared $name:ident, $kind:ident, $default_c:expr $(, $c:literal)?;
        [$h:ident] $with:ty; $sizer:ident $($vis:ident $f:ident : $ft:ty),*) => {
        impl $crate::abi::__Sealed for $name {}
        #[diagnostic::do_not_recommend]
        impl $crate::abi::Declared for $name {
            type With<$h: $crate::handles::Handles> = $with;
            const LAYOUT: $crate::abi::Layout =
                $crate::abi!(@layout $name, $kind, $default_c $(, $c)?; [] $sizer $($vis $f: $ft),*);
        }
    };
    (@declared Described $name:ident, $kind:ident, $default_c:expr $(, $c:literal)?;
        [$h:ident] $with:ty; $sizer:ident $($vis:ident $f:ident : $ft:ty),*) => {
        impl $crate::abi::Described for $name {
            type With<$h: $crate::handles::Handles> = $with;
            const LAYOUT: $crate::abi::Layout =
                $crate::abi!(@layout $name, $kind, $default_c $(, $c)?; [] $sizer $($vis $f: $ft),*);
        }
    };

    (@layout $name:ident, $kind:ident, $default_c:expr $(, $c:literal)?; [$($of:ty)?]
        $sizer:ident $($vis:ident $f:ident : $ft:ty),*) => {
        $crate::abi::Layout {
            name: $crate::__core::stringify!($name),
            kind: $crate::abi::Kind::$kind,
            c_type: $crate::abi!(@pick $default_c $(, $c)?),
            size: $crate::__core::mem::size_of::<$name>(),
            align: $crate::__core::mem::align_of::<$name>(),
            fields: &[$(
                $crate::abi::Field {
                    name: $crate::__core::stringify!($f),
                    offset: $crate::__core::mem::offset_of!($name, $f),
                    size: $crate::abi!(@size_of $sizer $name $f $ft),
                    pad: $crate::abi!(@is_pad $vis),
                    measured: $crate::abi!(@is_measured $vis),
                },
            )*],
            parts: $crate::__core::concat!(
                $($crate::__core::stringify!($of), ";",)?
                $($crate::__core::stringify!($ft), ";",)*
            ),
        }
    };

    // A struct field's size through the struct (its type may name the
    // generic parameter); a union field's by its type (unions are not
    // generic, and reading a union field is `unsafe`).
    (@size_of by_field $name:ident $f:ident $ft:ty) => { $crate::abi::field_size(&|s: $name| s.$f) };
    (@size_of by_type $name:ident $f:ident $ft:ty) => { $crate::__core::mem::size_of::<$ft>() };

    (@is_pad pad) => { true };
    (@is_pad $vis:ident) => { false };
    (@is_measured count) => { true };
    (@is_measured handle) => { true };
    (@is_measured $vis:ident) => { false };

    // No implicit padding: the fields, explicit padding included, fill the
    // struct, so no byte handed to Xen is uninitialised.
    (@padding $name:ident; $($f:ident : $ft:ty),*) => {
        const _: () = $crate::__core::assert!(
            $crate::__core::mem::size_of::<$name>() == 0 $(+ $crate::abi::field_size(&|s: $name| s.$f))*,
            $crate::__core::concat!("`", $crate::__core::stringify!($name), "` has implicit padding: declare it as a `pad` field")
        );
    };

    // What `#[derive]` would give, bounded by the fields (a derive would
    // bound only the parameter): `Clone`, `Copy`, `PartialEq` and `Eq`
    // hold for the raw spelling, `Debug` and `Default` for both.
    (@std [$($g:tt)*] $name:ident $ty:ty; $($f:ident : $ft:ty),*) => {
        impl<$($g)*> $crate::__core::clone::Clone for $ty
        where $(for<'__x> $ft: $crate::__core::clone::Clone),* {
            fn clone(&self) -> Self {
                Self { $($f: $crate::__core::clone::Clone::clone(&self.$f)),* }
            }
        }
        // (The `Copy` check does not see through `for<'__x>`; every concrete
        // field type of a declaration is `Copy`, so no bound here is
        // trivially false.)
        impl<$($g)*> $crate::__core::marker::Copy for $ty
        where $($ft: $crate::__core::marker::Copy),* {}
        impl<$($g)*> $crate::__core::cmp::PartialEq for $ty
        where $(for<'__x> $ft: $crate::__core::cmp::PartialEq),* {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$f == other.$f)*
            }
        }
        impl<$($g)*> $crate::__core::cmp::Eq for $ty
        where $(for<'__x> $ft: $crate::__core::cmp::Eq),* {}
        impl<$($g)*> $crate::__core::default::Default for $ty
        where $(for<'__x> $ft: $crate::__core::default::Default),* {
            fn default() -> Self {
                Self { $($f: $crate::__core::default::Default::default()),* }
            }
        }
        impl<$($g)*> $crate::__core::fmt::Debug for $ty
        where $(for<'__x> $ft: $crate::__core::fmt::Debug),* {
            fn fmt(&self, f: &mut $crate::__core::fmt::Formatter<'_>) -> $crate::__core::fmt::Result {
                f.debug_struct($crate::__core::stringify!($name))
                    $(.field($crate::__core::stringify!($f), &self.$f))*
                    .finish()
            }
        }
    };

    (@pick $default:expr) => { $default };
    (@pick $default:expr, $given:literal) => { $given };
}

/// Declares structs, unions, aliases and constants of Xen's ABI that
/// hcbuf-sys does not, the way hcbuf-sys declares its own (the syntax of
/// [`abi!`](crate::abi!), including generic structs whose guest handles are spelled
/// `H::In<T>` / `H::Out<T>` / `H::InOut<T>` and `pad` fields): each struct
/// with its size asserted, no implicit padding, the marker traits bounded
/// by its fields, and a `pub const ABI: Module` describing the items, which
/// `prove::prove` (feature `prove`) checks against
/// the installed Xen headers from the user's tests.
///
/// A declaration of the user's is described ([`abi::Described`](crate::abi::Described)), not
/// part of hcbuf's proven ABI ([`abi::Declared`](crate::abi::Declared)): it cannot be a derive's
/// `twin`. Bind it to a command with an `unsafe impl` of `hcbuf_core`'s
/// `SubOp`, whose contract the user's layout proof discharges.
///
/// ```
/// mod mine {
///     hcbuf_sys::declare! {
///         headers = ["xen/domctl.h"];
///
///         /// `struct xen_domctl_max_mem`, as a crate of one's own would.
///         #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
///         pub struct xen_domctl_max_mem (size 8) {
///             /// IN: the limit in KiB.
///             pub max_memkb: u64,
///         }
///     }
/// }
/// assert_eq!(mine::ABI.layouts[0].size, 8);
/// ```
#[macro_export]
macro_rules! declare {
    ($($items:tt)*) => {
        $crate::abi!(@user $($items)*);
    };
}
