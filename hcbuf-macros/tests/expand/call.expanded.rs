#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    extern crate hcbuf_core as __hcbuf;
    extern crate core as __core;
    type __HcbufSignature = <__hcbuf::signature::Hypercall<
        { ((__HYPERVISOR_xen_version) as __core::primitive::u64) },
    > as __hcbuf::signature::Lookup<
        <Command<XENVER_extraversion> as __hcbuf::args::RegisterArg>::Tag,
    >>::Sig;
    const _: () = __core::assert!(
        __hcbuf::signature::op_fits(((__HYPERVISOR_xen_version) as
        __core::primitive::u64)),
        "`op` must be below 2^32: privcmd passes the hypercall number as a C `unsigned int`, so this one would issue the hypercall its low 32 bits name, not the one checked; write the `__HYPERVISOR_*` number itself"
    );
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::__private::Derived for ExtraVersion<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::args::HypercallArgs for ExtraVersion<'a> {
        const OP: __core::primitive::u64 = ((__HYPERVISOR_xen_version)
            as __core::primitive::u64);
        #[inline]
        fn registers(&self) -> [__core::primitive::u64; 5] {
            #[allow(unused_imports)]
            use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
            __hcbuf::signature::lower::<
                __HcbufSignature,
            >(
                [
                    (&__hcbuf::__private::Field(&self.cmd)).register(),
                    (&__hcbuf::__private::Field(&self.buf)).register(),
                    0,
                    0,
                    0,
                ],
                [
                    (&__hcbuf::__private::Field(&self.cmd)).elements(),
                    (&__hcbuf::__private::Field(&self.buf)).elements(),
                    0,
                    0,
                    0,
                ],
            )
        }
        fn lend(&self, to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending)) {
            #[allow(unused_imports)]
            use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
            (&__hcbuf::__private::Field(&self.cmd)).lend(to);
            (&__hcbuf::__private::Field(&self.buf)).lend(to);
        }
    }
    #[allow(dead_code)]
    fn __hcbuf_signature_checks() {
        __hcbuf::signature::assert_known::<__HcbufSignature>();
        __hcbuf::signature::assert_fits::<
            Command<XENVER_extraversion>,
            <__HcbufSignature as __hcbuf::signature::Registers>::R0,
        >();
        __hcbuf::signature::assert_fits::<
            GuestHandleMut<'static, [u8; 16]>,
            <__HcbufSignature as __hcbuf::signature::Registers>::R1,
        >();
    }
};
