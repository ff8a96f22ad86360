/// Several mistakes: all of them are reported, each at its span.
#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_physinfo, bogus = 1)]
struct Broken<T> {
    x: T,
}
