//! Domain and cpupool names, which live in xenstore, not in Xen: read from
//! the xenstore daemon's socket when one answers (`XS_READ` of
//! `/local/domain/N/name` and `/local/pool/N/name`, the wire format of
//! Xen's `public/io/xs_wire.h`), as `xl` reads them.
//!
//! Without a daemon (no socket, or no answer within a second), the names
//! are those `xen-init-dom0` writes for dom0 and Pool-0 (`Domain-0`,
//! `Pool-0`), and `(null)` for any other: what `xl` prints for a domain
//! xenstore does not name (`printf("%s", NULL)`). (`xl cpupool-list`
//! refuses to list a pool xenstore does not name; these programs list it.)

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// `XS_READ` (`enum xsd_sockmsg_type`).
const XS_READ: u32 = 2;
/// `XS_ERROR`.
const XS_ERROR: u32 = 16;
/// `XENSTORE_PAYLOAD_MAX`: the largest reply.
const PAYLOAD_MAX: usize = 4096;

/// What `xl` prints for a name xenstore does not have.
pub const NO_NAME: &str = "(null)";

/// A connection to the xenstore daemon, if one answers.
pub struct Names {
    socket: Option<UnixStream>,
    req_id: u32,
}

impl Names {
    /// Connects to the daemon's socket (`$XENSTORED_RUNDIR/socket`,
    /// `/var/run/xenstored/socket` or `/run/xenstored/socket`), or
    /// remembers there is none.
    pub fn open() -> Names {
        let mut dirs = Vec::new();
        if let Ok(dir) = std::env::var("XENSTORED_RUNDIR") {
            dirs.push(dir);
        }
        dirs.push("/var/run/xenstored".into());
        dirs.push("/run/xenstored".into());
        let socket = dirs.iter().find_map(|dir| {
            let s = UnixStream::connect(format!("{dir}/socket")).ok()?;
            s.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
            s.set_write_timeout(Some(Duration::from_secs(1))).ok()?;
            Some(s)
        });
        Names { socket, req_id: 0 }
    }

    /// No daemon: only the fallback names.
    pub fn none() -> Names {
        Names {
            socket: None,
            req_id: 0,
        }
    }

    /// The value at `path`, if the daemon has it. A daemon that errs or
    /// answers garbage is dropped (every later read falls back).
    fn read(&mut self, path: &str) -> Option<String> {
        let socket = self.socket.as_mut()?;
        self.req_id = self.req_id.wrapping_add(1);
        match xs_read(socket, self.req_id, path) {
            Ok(value) => value,
            Err(_) => {
                self.socket = None;
                None
            }
        }
    }

    /// Domain `domid`'s name (`/local/domain/N/name`).
    pub fn domain(&mut self, domid: u16) -> String {
        match self.read(&format!("/local/domain/{domid}/name")) {
            Some(name) => name,
            None if domid == 0 => "Domain-0".into(),
            None => NO_NAME.into(),
        }
    }

    /// Cpupool `id`'s name (`/local/pool/N/name`).
    pub fn pool(&mut self, id: u32) -> String {
        match self.read(&format!("/local/pool/{id}/name")) {
            Some(name) => name,
            None if id == 0 => "Pool-0".into(),
            None => NO_NAME.into(),
        }
    }
}

/// The names for `xen`: from the xenstore daemon for the real Xen, the
/// fallback names for the software Xen (whose domains no xenstore knows).
pub fn for_backend(xen: &hcbuf_core::api::Xen<hcbuf_core::backend::AnyBackend>) -> Names {
    match xen.backend() {
        hcbuf_core::backend::AnyBackend::Soft(_) => Names::none(),
        _ => Names::open(),
    }
}

/// One `XS_READ` outside any transaction: `Ok(None)` if the daemon
/// answers an error (`ENOENT`), `Err` if the exchange fails.
fn xs_read(socket: &mut UnixStream, req_id: u32, path: &str) -> std::io::Result<Option<String>> {
    let mut payload = path.as_bytes().to_vec();
    payload.push(0);
    let mut msg = Vec::with_capacity(16 + payload.len());
    for word in [XS_READ, req_id, 0, payload.len() as u32] {
        msg.extend_from_slice(&word.to_ne_bytes());
    }
    msg.extend_from_slice(&payload);
    socket.write_all(&msg)?;
    let mut header = [0u8; 16];
    socket.read_exact(&mut header)?;
    let word = |i: usize| u32::from_ne_bytes(header[i * 4..i * 4 + 4].try_into().unwrap());
    let (kind, id, len) = (word(0), word(1), word(3) as usize);
    if len > PAYLOAD_MAX || id != req_id {
        return Err(std::io::Error::other("unexpected xenstore reply"));
    }
    let mut body = vec![0u8; len];
    socket.read_exact(&mut body)?;
    match kind {
        XS_READ => Ok(Some(String::from_utf8_lossy(&body).into_owned())),
        XS_ERROR => Ok(None),
        _ => Err(std::io::Error::other("unexpected xenstore reply")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_daemon_dom0_and_pool_0_have_their_names() {
        let mut names = Names::none();
        assert_eq!(names.domain(0), "Domain-0");
        assert_eq!(names.domain(3), "(null)");
        assert_eq!(names.pool(0), "Pool-0");
        assert_eq!(names.pool(2), "(null)");
    }

    #[test]
    fn a_read_is_one_message_and_its_reply() {
        use std::os::unix::net::UnixStream;
        let (mut ours, mut daemon) = UnixStream::pair().unwrap();
        let server = std::thread::spawn(move || {
            let mut header = [0u8; 16];
            daemon.read_exact(&mut header).unwrap();
            let len = u32::from_ne_bytes(header[12..16].try_into().unwrap()) as usize;
            let mut path = vec![0u8; len];
            daemon.read_exact(&mut path).unwrap();
            assert_eq!(&header[0..4], &XS_READ.to_ne_bytes());
            assert_eq!(path, b"/local/domain/7/name\0");
            let mut reply = header;
            reply[12..16].copy_from_slice(&5u32.to_ne_bytes());
            daemon.write_all(&reply).unwrap();
            daemon.write_all(b"guest").unwrap();
            // Then an error for the second read.
            daemon.read_exact(&mut header).unwrap();
            let len = u32::from_ne_bytes(header[12..16].try_into().unwrap()) as usize;
            daemon.read_exact(&mut vec![0u8; len]).unwrap();
            let mut reply = header;
            reply[0..4].copy_from_slice(&XS_ERROR.to_ne_bytes());
            reply[12..16].copy_from_slice(&7u32.to_ne_bytes());
            daemon.write_all(&reply).unwrap();
            daemon.write_all(b"ENOENT\0").unwrap();
        });
        assert_eq!(
            xs_read(&mut ours, 1, "/local/domain/7/name").unwrap(),
            Some("guest".into())
        );
        assert_eq!(xs_read(&mut ours, 2, "/local/domain/8/name").unwrap(), None);
        server.join().unwrap();
    }
}
