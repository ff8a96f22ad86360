#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    extern crate hcbuf_core as __hcbuf;
    extern crate core as __core;
    #[automatically_derived]
    impl __hcbuf::sys::handles::Lends for MemInfo
    where
        for<'__hcbuf_x> u64: __hcbuf::sys::handles::Lends,
        for<'__hcbuf_x> u64: __hcbuf::sys::handles::Lends,
    {
        fn lend(&self, to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending)) {
            __hcbuf::sys::handles::Lends::lend(&self.memsize, to);
            __hcbuf::sys::handles::Lends::lend(&self.memfree, to);
        }
        const MAY_LEND: bool = false || <u64 as __hcbuf::sys::handles::Lends>::MAY_LEND
            || <u64 as __hcbuf::sys::handles::Lends>::MAY_LEND;
        fn forget(&mut self) {
            __hcbuf::sys::handles::Lends::forget(&mut self.memsize);
            __hcbuf::sys::handles::Lends::forget(&mut self.memfree);
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl __hcbuf::__private::Derived for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl __hcbuf::HypercallSafe for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl __hcbuf::XenWritable for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl __hcbuf::__private::HasTwin for MemInfo {
        type Twin = xen_sysctl_meminfo;
    }
    #[allow(dead_code)]
    fn __hcbuf_twin_declared() {
        __hcbuf::__private::assert_xen_writable::<
            <xen_sysctl_meminfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >,
        >();
    }
    const _: () = __core::assert!(
        __core::mem::size_of:: < MemInfo > () == 0 + __core::mem::size_of:: < u64 > () +
        __core::mem::size_of:: < u64 > (),
        "`MemInfo` has implicit padding: Xen would read uninitialised bytes there. Declare the bytes as fields marked `#[hypercall(pad)]` where the twin `xen_sysctl_meminfo` has padding (e.g. `#[hypercall(pad)] _pad: [u8; N]`), so the fields fill the struct"
    );
    const _: () = __core::assert!(
        __core::mem::size_of:: < MemInfo > () == __core::mem::size_of:: <
        xen_sysctl_meminfo > (),
        "`MemInfo` and its hcbuf-sys twin `xen_sysctl_meminfo` differ in size"
    );
    const _: () = __core::assert!(
        __core::mem::align_of:: < MemInfo > () == __core::mem::align_of:: <
        xen_sysctl_meminfo > (),
        "`MemInfo` and its hcbuf-sys twin `xen_sysctl_meminfo` differ in alignment"
    );
    const _: () = __core::assert!(
        __hcbuf::__private::same_offset(& < xen_sysctl_meminfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(memsize),
        __core::mem::offset_of!(MemInfo, memsize),),
        "field `memsize` of `MemInfo` is not at the offset of `memsize` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read it from the wrong place"
    );
    const _: () = __core::assert!(
        ! __hcbuf::__private::is_measured(& < xen_sysctl_meminfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(memsize)),
        "field `memsize` of `MemInfo` mirrors `memsize` of `xen_sysctl_meminfo`, a count or a guest handle measured by counts: the declaration keeps it private and sets it only through its setters, which keep every count within the buffer it measures, so a payload of your own cannot hold it; use hcbuf's typed payload (`xen_sysctl_meminfo<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_memsize() {
        let twin_field = __hcbuf::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_meminfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >|
        &twin.memsize);
        twin_field.holds::<u64>();
    }
    const _: () = __core::assert!(
        __hcbuf::__private::same_offset(& < xen_sysctl_meminfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(memfree),
        __core::mem::offset_of!(MemInfo, memfree),),
        "field `memfree` of `MemInfo` is not at the offset of `memfree` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read it from the wrong place"
    );
    const _: () = __core::assert!(
        ! __hcbuf::__private::is_measured(& < xen_sysctl_meminfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(memfree)),
        "field `memfree` of `MemInfo` mirrors `memfree` of `xen_sysctl_meminfo`, a count or a guest handle measured by counts: the declaration keeps it private and sets it only through its setters, which keep every count within the buffer it measures, so a payload of your own cannot hold it; use hcbuf's typed payload (`xen_sysctl_meminfo<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_memfree() {
        let twin_field = __hcbuf::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_meminfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >|
        &twin.memfree);
        twin_field.holds::<u64>();
    }
};
