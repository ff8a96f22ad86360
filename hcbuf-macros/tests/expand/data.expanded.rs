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
    fn __hcbuf_field_checks() {
        ::hcbuf_core::__private::assert_xen_writable::<u64>();
        ::hcbuf_core::__private::assert_xen_writable::<u64>();
    }
    #[allow(dead_code)]
    fn __hcbuf_twin_declared() {
        ::hcbuf_core::__private::assert_abi_declared::<xen_sysctl_meminfo>();
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
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < u64 > () == ::hcbuf_core::__private::output_size(& |
        twin : xen_sysctl_meminfo | twin.memsize),
        "field `memsize` of `MemInfo` is not the size of `memsize` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read part of it, or a neighbour with it; give it the twin field's type"
    );
    const _: () = ::core::assert!(
        ::core::mem::offset_of!(MemInfo, memfree) ==
        ::core::mem::offset_of!(xen_sysctl_meminfo, memfree),
        "field `memfree` of `MemInfo` is not at the offset of `memfree` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read it from the wrong place"
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < u64 > () == ::hcbuf_core::__private::output_size(& |
        twin : xen_sysctl_meminfo | twin.memfree),
        "field `memfree` of `MemInfo` is not the size of `memfree` in its hcbuf-sys twin `xen_sysctl_meminfo`: Xen would read part of it, or a neighbour with it; give it the twin field's type"
    );
};
