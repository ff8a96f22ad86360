//! Xen's errno values (`public/errno.h`).
//!
//! A failing hypercall returns `-XEN_E*`. The values follow x86 Linux, so
//! on an x86 dom0 they coincide with the host's `errno` values. Only the
//! values a guest can see are listed: `EINTR` (4) and `ERESTART` (85) are
//! internal to Xen.

abi! {
    headers = ["xen/errno.h"];

    /// Operation not permitted.
    pub const XEN_EPERM: i32 = 1;
    /// No such file or directory.
    pub const XEN_ENOENT: i32 = 2;
    /// No such process.
    pub const XEN_ESRCH: i32 = 3;
    /// I/O error.
    pub const XEN_EIO: i32 = 5;
    /// No such device or address.
    pub const XEN_ENXIO: i32 = 6;
    /// Argument list too long.
    pub const XEN_E2BIG: i32 = 7;
    /// Exec format error.
    pub const XEN_ENOEXEC: i32 = 8;
    /// Bad file number.
    pub const XEN_EBADF: i32 = 9;
    /// No child processes.
    pub const XEN_ECHILD: i32 = 10;
    /// Try again.
    pub const XEN_EAGAIN: i32 = 11;
    /// Operation would block; aliases [`XEN_EAGAIN`].
    pub const XEN_EWOULDBLOCK: i32 = 11;
    /// Out of memory.
    pub const XEN_ENOMEM: i32 = 12;
    /// Permission denied.
    pub const XEN_EACCES: i32 = 13;
    /// Bad address.
    pub const XEN_EFAULT: i32 = 14;
    /// Device or resource busy.
    pub const XEN_EBUSY: i32 = 16;
    /// File exists.
    pub const XEN_EEXIST: i32 = 17;
    /// Cross-device link.
    pub const XEN_EXDEV: i32 = 18;
    /// No such device.
    pub const XEN_ENODEV: i32 = 19;
    /// Not a directory.
    pub const XEN_ENOTDIR: i32 = 20;
    /// Is a directory.
    pub const XEN_EISDIR: i32 = 21;
    /// Invalid argument.
    pub const XEN_EINVAL: i32 = 22;
    /// File table overflow.
    pub const XEN_ENFILE: i32 = 23;
    /// Too many open files.
    pub const XEN_EMFILE: i32 = 24;
    /// No space left on device.
    pub const XEN_ENOSPC: i32 = 28;
    /// Read-only file system.
    pub const XEN_EROFS: i32 = 30;
    /// Too many links.
    pub const XEN_EMLINK: i32 = 31;
    /// Math argument out of domain of function.
    pub const XEN_EDOM: i32 = 33;
    /// Math result not representable.
    pub const XEN_ERANGE: i32 = 34;
    /// Resource deadlock would occur.
    pub const XEN_EDEADLK: i32 = 35;
    /// Resource deadlock would occur; aliases [`XEN_EDEADLK`].
    pub const XEN_EDEADLOCK: i32 = 35;
    /// File name too long.
    pub const XEN_ENAMETOOLONG: i32 = 36;
    /// No record locks available.
    pub const XEN_ENOLCK: i32 = 37;
    /// Function not implemented.
    pub const XEN_ENOSYS: i32 = 38;
    /// Directory not empty.
    pub const XEN_ENOTEMPTY: i32 = 39;
    /// No data available.
    pub const XEN_ENODATA: i32 = 61;
    /// Timer expired.
    pub const XEN_ETIME: i32 = 62;
    /// Not a data message.
    pub const XEN_EBADMSG: i32 = 74;
    /// Value too large for defined data type.
    pub const XEN_EOVERFLOW: i32 = 75;
    /// Illegal byte sequence.
    pub const XEN_EILSEQ: i32 = 84;
    /// Socket operation on non-socket.
    pub const XEN_ENOTSOCK: i32 = 88;
    /// Message too large.
    pub const XEN_EMSGSIZE: i32 = 90;
    /// Operation not supported on transport endpoint.
    pub const XEN_EOPNOTSUPP: i32 = 95;
    /// Address already in use.
    pub const XEN_EADDRINUSE: i32 = 98;
    /// Cannot assign requested address.
    pub const XEN_EADDRNOTAVAIL: i32 = 99;
    /// No buffer space available.
    pub const XEN_ENOBUFS: i32 = 105;
    /// Transport endpoint is already connected.
    pub const XEN_EISCONN: i32 = 106;
    /// Transport endpoint is not connected.
    pub const XEN_ENOTCONN: i32 = 107;
    /// Connection timed out.
    pub const XEN_ETIMEDOUT: i32 = 110;
    /// Connection refused.
    pub const XEN_ECONNREFUSED: i32 = 111;
}

/// The name of a Xen errno value, without the `XEN_` prefix.
///
/// Accepts the value either way round: Xen returns `-errno`, so `-22` and
/// `22` both give `EINVAL`. Where two names share a value the first listed
/// in `errno.h` wins (`EAGAIN` over `EWOULDBLOCK`, `EDEADLK` over
/// `EDEADLOCK`). Returns `None` for 0 and for values Xen does not define.
/// The names come from this module's [`ABI`] registry, so they cannot
/// drift from the constants.
///
/// ```
/// use hcbuf_sys::errno::{errno_name, XEN_ENOENT};
///
/// assert_eq!(errno_name(-22), Some("EINVAL"));
/// assert_eq!(errno_name(XEN_ENOENT), Some("ENOENT"));
/// assert_eq!(errno_name(-1000), None);
/// ```
pub fn errno_name(value: i32) -> Option<&'static str> {
    let name = ABI.const_named_by_value(u64::from(value.unsigned_abs()))?;
    Some(name.strip_prefix("XEN_").unwrap_or(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_positive_and_negative_values() {
        assert_eq!(errno_name(XEN_EPERM), Some("EPERM"));
        assert_eq!(errno_name(-1), Some("EPERM"));
        assert_eq!(errno_name(-XEN_ENOSYS), Some("ENOSYS"));
        assert_eq!(errno_name(111), Some("ECONNREFUSED"));
        assert_eq!(errno_name(-105), Some("ENOBUFS"));
    }

    #[test]
    fn aliases_give_the_first_name() {
        assert_eq!(errno_name(-11), Some("EAGAIN"));
        assert_eq!(errno_name(35), Some("EDEADLK"));
    }

    #[test]
    fn unknown_values_give_none() {
        assert_eq!(errno_name(0), None);
        // EINTR and ERESTART are internal to Xen and not mirrored.
        assert_eq!(errno_name(-4), None);
        assert_eq!(errno_name(85), None);
        assert_eq!(errno_name(1000), None);
        assert_eq!(errno_name(i32::MIN), None);
    }

    #[test]
    fn every_constant_has_its_own_name_or_an_earlier_alias() {
        for c in ABI.consts {
            let value = c.value as i32;
            let name = errno_name(value).unwrap();
            let first = ABI.consts.iter().find(|k| k.value == c.value).unwrap();
            assert_eq!(first.name.strip_prefix("XEN_"), Some(name));
        }
    }
}
