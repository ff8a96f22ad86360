#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl ::hcbuf_core::__private::Derived for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl ::hcbuf_core::HypercallSafe for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl ::hcbuf_core::XenWritable for MemInfo {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl ::hcbuf_core::__private::HasTwin for MemInfo {
        type Twin = xen_sysctl_meminfo;
    }
    #[allow(dead_code)]
    fn __hcbuf_twin_declared() {
        ::hcbuf_core::__private::assert_abi_declared::<xen_sysctl_meminfo>();
        ::hcbuf_core::__private::assert_xen_writable::<
            <xen_sysctl_meminfo as ::hcbuf_core::sys::abi::Declared>::With<
                ::hcbuf_core::handle::Typed<'static>,
            >,
        >();
    }
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < MemInfo > () == 0 + ::core::mem::size_of:: < u64 > () +
        ::core::mem::size_of:: < u64 > (),
        "`MemInfo` has implicit padding: Xen would read uninitialised bytes there. Add explicit padding fields (e.g. `_pad: [u8; N]`) so the fields fill the struct"
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < MemInfo > () == ::core::mem::size_of:: <
        xen_sysctl_meminfo > (),
        "`MemInfo` and its hcbuf-sys twin `xen_sysctl_meminfo` differ in size"
    );
    const _: () = ::core::assert!(
        ::core::mem::align_of:: < MemInfo > () == ::core::mem::align_of:: <
        xen_sysctl_meminfo > (),
        "`MemInfo` and its hcbuf-sys twin `xen_sysctl_meminfo` differ in alignment"
    );
    const _: () = ::core::assert!(
        ::core::mem::offset_of!(MemInfo, memsize) ==
        ::core::mem::offset_of!(xen_sysctl_meminfo, memsize),
        "field `memsize` of `MemInfo` is not at the offset of `memsize` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read it from the wrong place"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_memsize() {
        let twin_field = ::hcbuf_core::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_meminfo as ::hcbuf_core::sys::abi::Declared>::With<
                ::hcbuf_core::handle::Typed<'static>,
            >|
        &twin.memsize);
        twin_field.holds::<u64>();
    }
    const _: () = ::core::assert!(
        ::core::mem::offset_of!(MemInfo, memfree) ==
        ::core::mem::offset_of!(xen_sysctl_meminfo, memfree),
        "field `memfree` of `MemInfo` is not at the offset of `memfree` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read it from the wrong place"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_memfree() {
        let twin_field = ::hcbuf_core::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_meminfo as ::hcbuf_core::sys::abi::Declared>::With<
                ::hcbuf_core::handle::Typed<'static>,
            >|
        &twin.memfree);
        twin_field.holds::<u64>();
    }
};
