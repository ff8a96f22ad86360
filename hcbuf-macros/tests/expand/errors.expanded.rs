::core::compile_error! {
    "unknown key `bogus`: expected `op = <hypercall number>` (with `signature = <type>` for a hypercall hcbuf has no signature for), one of `sysctl`, `domctl`, `xen_version`, `memory_op`, `console_io`, `hypfs`, `sched_op`, `event_channel_op`, `grant_table_op`, `hvm_op` `= <command number>` with `twin = <hcbuf_sys type>`, or `data` with `twin = <hcbuf_sys type>`"
}
::core::compile_error! {
    "hypercall types cannot be generic over a type: each field's layout must be known here to check it against the Xen ABI; use a concrete type"
}
::core::compile_error! {
    "a payload needs `twin = <hcbuf_sys type>`: the raw struct its size, alignment and field offsets are checked against"
}
