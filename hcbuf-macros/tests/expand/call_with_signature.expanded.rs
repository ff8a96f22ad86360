#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    extern crate hcbuf_core as __hcbuf;
    extern crate core as __core;
    type __HcbufSignature = MySignature;
    const _: () = __core::assert!(
        __hcbuf::signature::op_fits(((60) as __core::primitive::u64)),
        "`op` must be below 2^32: privcmd passes the hypercall number as a C `unsigned int`, so this one would issue the hypercall its low 32 bits name, not the one checked; write the `__HYPERVISOR_*` number itself"
    );
    const _: () = __core::assert!(
        ! __hcbuf::signature::has_fixed_signature(((60) as __core::primitive::u64)),
        "hcbuf's table gives this hypercall its signatures: a `signature` of your own cannot replace them; remove `signature = ...` and type the fields as the table says (see `hcbuf_core::signature`)"
    );
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::__private::Derived for Mine<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::args::HypercallArgs for Mine<'a> {
        const OP: __core::primitive::u64 = ((60) as __core::primitive::u64);
        #[inline]
        fn registers(&self) -> [__core::primitive::u64; 5] {
            #[allow(unused_imports)]
            use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
            __hcbuf::signature::lower::<
                __HcbufSignature,
            >(
                [
                    (&__hcbuf::__private::Field(&self.cmd)).register(),
                    (&__hcbuf::__private::Field(&self.count)).register(),
                    (&__hcbuf::__private::Field(&self.buf)).register(),
                    0,
                    0,
                ],
                [
                    (&__hcbuf::__private::Field(&self.cmd)).elements(),
                    (&__hcbuf::__private::Field(&self.count)).elements(),
                    (&__hcbuf::__private::Field(&self.buf)).elements(),
                    0,
                    0,
                ],
            )
        }
        fn lend(&self, to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending)) {
            #[allow(unused_imports)]
            use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
            (&__hcbuf::__private::Field(&self.cmd)).lend(to);
            (&__hcbuf::__private::Field(&self.count)).lend(to);
            (&__hcbuf::__private::Field(&self.buf)).lend(to);
        }
    }
    #[allow(dead_code)]
    fn __hcbuf_signature_checks() {
        __hcbuf::signature::assert_signature::<__HcbufSignature>();
        __hcbuf::signature::assert_fits::<
            u32,
            <__HcbufSignature as __hcbuf::signature::Registers>::R0,
        >();
        __hcbuf::signature::assert_fits::<
            Count,
            <__HcbufSignature as __hcbuf::signature::Registers>::R1,
        >();
        __hcbuf::signature::assert_fits::<
            Lent<GuestHandle<'static, u8>>,
            <__HcbufSignature as __hcbuf::signature::Registers>::R2,
        >();
    }
};
