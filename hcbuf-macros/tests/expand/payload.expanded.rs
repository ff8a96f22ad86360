#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    extern crate hcbuf_core as __hcbuf;
    extern crate core as __core;
    #[automatically_derived]
    impl<'a> __hcbuf::sys::handles::Lends for GetCpuInfo<'a>
    where
        for<'__hcbuf_x> u32: __hcbuf::sys::handles::Lends,
        for<'__hcbuf_x> u32: __hcbuf::sys::handles::Lends,
        for<'__hcbuf_x> GuestHandleMut<'a, CpuInfo>: __hcbuf::sys::handles::Lends,
        for<'__hcbuf_x> u32: __hcbuf::sys::handles::Lends,
        for<'__hcbuf_x> u32: __hcbuf::sys::handles::Lends,
    {
        fn lend(&self, to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending)) {
            __hcbuf::sys::handles::Lends::lend(&self.max_cpus, to);
            __hcbuf::sys::handles::Lends::lend(&self._pad0, to);
            __hcbuf::sys::handles::Lends::lend(&self.info, to);
            __hcbuf::sys::handles::Lends::lend(&self.nr_cpus, to);
            __hcbuf::sys::handles::Lends::lend(&self._pad1, to);
        }
        const MAY_LEND: bool = false || <u32 as __hcbuf::sys::handles::Lends>::MAY_LEND
            || <u32 as __hcbuf::sys::handles::Lends>::MAY_LEND
            || <GuestHandleMut<'a, CpuInfo> as __hcbuf::sys::handles::Lends>::MAY_LEND
            || <u32 as __hcbuf::sys::handles::Lends>::MAY_LEND
            || <u32 as __hcbuf::sys::handles::Lends>::MAY_LEND;
        fn forget(&mut self) {
            __hcbuf::sys::handles::Lends::forget(&mut self.max_cpus);
            __hcbuf::sys::handles::Lends::forget(&mut self._pad0);
            __hcbuf::sys::handles::Lends::forget(&mut self.info);
            __hcbuf::sys::handles::Lends::forget(&mut self.nr_cpus);
            __hcbuf::sys::handles::Lends::forget(&mut self._pad1);
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::__private::Derived for GetCpuInfo<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::HypercallSafe for GetCpuInfo<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::XenWritable for GetCpuInfo<'a> {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::__private::HasTwin for GetCpuInfo<'a> {
        type Twin = xen_sysctl_getcpuinfo;
    }
    #[allow(dead_code)]
    fn __hcbuf_twin_declared() {
        __hcbuf::__private::assert_xen_writable::<
            <xen_sysctl_getcpuinfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >,
        >();
    }
    const _: () = __core::assert!(
        __core::mem::size_of:: < GetCpuInfo < 'static > > () == 0 +
        __core::mem::size_of:: < u32 > () + __core::mem::size_of:: < u32 > () +
        __core::mem::size_of:: < GuestHandleMut < 'static, CpuInfo > > () +
        __core::mem::size_of:: < u32 > () + __core::mem::size_of:: < u32 > (),
        "`GetCpuInfo` has implicit padding: Xen would read uninitialised bytes there. Declare the bytes as fields marked `#[hypercall(pad)]` where the twin `xen_sysctl_getcpuinfo` has padding (e.g. `#[hypercall(pad)] _pad: [u8; N]`), so the fields fill the struct"
    );
    const _: () = __core::assert!(
        __core::mem::size_of:: < GetCpuInfo < 'static > > () == __core::mem::size_of:: <
        xen_sysctl_getcpuinfo > (),
        "`GetCpuInfo` and its hcbuf-sys twin `xen_sysctl_getcpuinfo` differ in size"
    );
    const _: () = __core::assert!(
        __core::mem::align_of:: < GetCpuInfo < 'static > > () == __core::mem::align_of::
        < xen_sysctl_getcpuinfo > (),
        "`GetCpuInfo` and its hcbuf-sys twin `xen_sysctl_getcpuinfo` differ in alignment"
    );
    const _: () = __core::assert!(
        __hcbuf::__private::same_offset(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(max_cpus),
        __core::mem::offset_of!(GetCpuInfo < 'static >, max_cpus),),
        "field `max_cpus` of `GetCpuInfo` is not at the offset of `max_cpus` in its hcbuf-sys twin `xen_sysctl_getcpuinfo`: Xen would read it from the wrong place"
    );
    const _: () = __core::assert!(
        ! __hcbuf::__private::is_measured(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(max_cpus)),
        "field `max_cpus` of `GetCpuInfo` mirrors `max_cpus` of `xen_sysctl_getcpuinfo`, a count or a guest handle measured by counts: the declaration keeps it private and sets it only through its setters, which keep every count within the buffer it measures, so a payload of your own cannot hold it; use hcbuf's typed payload (`xen_sysctl_getcpuinfo<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_max_cpus() {
        let twin_field = __hcbuf::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_getcpuinfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >|
        &twin.max_cpus);
        twin_field.holds::<u32>();
    }
    #[allow(dead_code)]
    fn __hcbuf_pad_plain__pad0<'a>() {
        __hcbuf::__private::assert_plain_data::<u32>();
    }
    const _: () = __core::assert!(
        __hcbuf::__private::over_padding(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::mem::offset_of!(GetCpuInfo <
        'static >, _pad0), __core::mem::size_of:: < u32 > (),),
        "field `_pad0` of `GetCpuInfo` is marked `#[hypercall(pad)]` but lies over bytes its hcbuf-sys twin `xen_sysctl_getcpuinfo` uses (a field, or a buffer type, which has no padding): padding is not compared with the twin, so what Xen reads or writes there would go unchecked; remove `#[hypercall(pad)]` and give the field the twin field's name and type (`#[hypercall(whole)]` for a buffer type)"
    );
    const _: () = __core::assert!(
        __hcbuf::__private::same_offset(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(info),
        __core::mem::offset_of!(GetCpuInfo < 'static >, info),),
        "field `info` of `GetCpuInfo` is not at the offset of `info` in its hcbuf-sys twin `xen_sysctl_getcpuinfo`: Xen would read it from the wrong place"
    );
    const _: () = __core::assert!(
        ! __hcbuf::__private::is_measured(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(info)),
        "field `info` of `GetCpuInfo` mirrors `info` of `xen_sysctl_getcpuinfo`, a count or a guest handle measured by counts: the declaration keeps it private and sets it only through its setters, which keep every count within the buffer it measures, so a payload of your own cannot hold it; use hcbuf's typed payload (`xen_sysctl_getcpuinfo<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_info() {
        let twin_field = __hcbuf::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_getcpuinfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >|
        &twin.info);
        twin_field.holds::<GuestHandleMut<'static, CpuInfo>>();
    }
    const _: () = __core::assert!(
        __hcbuf::__private::same_offset(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(nr_cpus),
        __core::mem::offset_of!(GetCpuInfo < 'static >, nr_cpus),),
        "field `nr_cpus` of `GetCpuInfo` is not at the offset of `nr_cpus` in its hcbuf-sys twin `xen_sysctl_getcpuinfo`: Xen would read it from the wrong place"
    );
    const _: () = __core::assert!(
        ! __hcbuf::__private::is_measured(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::stringify!(nr_cpus)),
        "field `nr_cpus` of `GetCpuInfo` mirrors `nr_cpus` of `xen_sysctl_getcpuinfo`, a count or a guest handle measured by counts: the declaration keeps it private and sets it only through its setters, which keep every count within the buffer it measures, so a payload of your own cannot hold it; use hcbuf's typed payload (`xen_sysctl_getcpuinfo<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
    );
    #[allow(dead_code)]
    fn __hcbuf_twin_field_nr_cpus() {
        let twin_field = __hcbuf::__private::TwinFieldOf::of(|
            twin: &<xen_sysctl_getcpuinfo as __hcbuf::sys::abi::Declared>::With<
                __hcbuf::handle::Typed<'static>,
            >|
        &twin.nr_cpus);
        twin_field.holds::<u32>();
    }
    #[allow(dead_code)]
    fn __hcbuf_pad_plain__pad1<'a>() {
        __hcbuf::__private::assert_plain_data::<u32>();
    }
    const _: () = __core::assert!(
        __hcbuf::__private::over_padding(& < xen_sysctl_getcpuinfo as
        __hcbuf::sys::abi::Declared > ::LAYOUT, __core::mem::offset_of!(GetCpuInfo <
        'static >, _pad1), __core::mem::size_of:: < u32 > (),),
        "field `_pad1` of `GetCpuInfo` is marked `#[hypercall(pad)]` but lies over bytes its hcbuf-sys twin `xen_sysctl_getcpuinfo` uses (a field, or a buffer type, which has no padding): padding is not compared with the twin, so what Xen reads or writes there would go unchecked; remove `#[hypercall(pad)]` and give the field the twin field's name and type (`#[hypercall(whole)]` for a buffer type)"
    );
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    unsafe impl<'a> __hcbuf::args::SubOp for GetCpuInfo<'a>
    where
        for<'__hcbuf_x> GetCpuInfo<'a>: __hcbuf::sys::handles::Lends,
    {
        type Family = __hcbuf::args::family::Sysctl;
        const CMD: __core::primitive::u32 = (XEN_SYSCTL_getcpuinfo)
            as __core::primitive::u32;
        const RELEASES: &'static [__hcbuf::release::Release] = <xen_sysctl_getcpuinfo as __hcbuf::xen::RawPayload>::RELEASES;
    }
    #[allow(dead_code)]
    fn __hcbuf_twin_family() {
        __hcbuf::__private::assert_twin_family::<
            xen_sysctl_getcpuinfo,
            __hcbuf::args::family::Sysctl,
        >();
    }
    const _: () = if !__hcbuf::__private::contains(
        <xen_sysctl_getcpuinfo as __hcbuf::xen::RawPayload>::CMDS,
        (XEN_SYSCTL_getcpuinfo) as __core::primitive::u32,
    ) {
        __core::panic!(
            "{}", < xen_sysctl_getcpuinfo as __hcbuf::xen::RawPayload > ::WRONG_COMMAND
        )
    };
};
