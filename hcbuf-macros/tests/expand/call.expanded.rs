#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> ::hcbuf_core::__private::Derived for ExtraVersion<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> ::hcbuf_core::args::HypercallArgs for ExtraVersion<'a> {
        const OP: ::core::primitive::u64 = (__HYPERVISOR_xen_version)
            as ::core::primitive::u64;
        #[inline]
        fn registers(&self) -> [::core::primitive::u64; 5] {
            [
                ::hcbuf_core::args::RegisterArg::register(&self.cmd),
                ::hcbuf_core::args::RegisterArg::register(&self.buf),
                0,
                0,
                0,
            ]
        }
    }
    #[allow(dead_code)]
    fn __hcbuf_field_checks<'a>() {
        ::hcbuf_core::__private::assert_register_arg::<u32>();
        ::hcbuf_core::__private::assert_register_arg::<GuestHandleMut<'a, [u8; 16]>>();
    }
};
