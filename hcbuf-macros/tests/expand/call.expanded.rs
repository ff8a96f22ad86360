#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    extern crate hcbuf_core as __hcbuf;
    extern crate core as __core;
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::__private::Derived for ExtraVersion<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::args::HypercallArgs for ExtraVersion<'a> {
        const OP: __core::primitive::u64 = (__HYPERVISOR_xen_version)
            as __core::primitive::u64;
        #[inline]
        fn registers(&self) -> [__core::primitive::u64; 5] {
            [
                __hcbuf::args::RegisterArg::register(&self.cmd),
                __hcbuf::args::RegisterArg::register(&self.buf),
                0,
                0,
                0,
            ]
        }
    }
    #[allow(dead_code)]
    fn __hcbuf_field_checks<'a>() {
        __hcbuf::__private::assert_register_arg::<u32>();
        __hcbuf::__private::assert_register_arg::<GuestHandleMut<'a, [u8; 16]>>();
    }
};
