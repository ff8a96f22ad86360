//! The lowering of hypercall arguments, from typed values to registers and
//! buffers, with arbitrary values:
//!
//! - a derived call of every register type lowers each field to its
//!   register (integers zero- or sign-extended as C passes them, handles
//!   to the address of the pool memory they borrow);
//! - every typed API method, called with arbitrary arguments on the
//!   software Xen, answers a value or an error and never hands Xen a range
//!   outside its buffers (the model counts any such access as a fault),
//!   changes no byte of the pool buffers the caller holds beside them,
//!   frees every buffer, and leaves the handle working;
//! - a batch of calls lowered into one multicall answers exactly what the
//!   same calls answer one by one.

use arbitrary::{Arbitrary, Unstructured};
use hcbuf_core::Release;
use hcbuf_core::api::{Batch, Error, PortStatus, Xen};
use hcbuf_core::backend::soft::SoftXen;
use hcbuf_core::signature::Signature;
use hcbuf_core::signature::kind::{Int, Ptr, Read, Write};
use hcbuf_core::sys::xen::{DOMID_FIRST_RESERVED, domid_t};
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::{CreateDomain, GetDomainInfo};
use hcbuf_core::xen::hypfs::HypfsGetVersion;
use hcbuf_core::xen::version::{PageSize, VersionNumber};
use hcbuf_core::{Backend, GuestHandle, GuestHandleMut, HypercallArgs, XenErrno};

/// The signature of [`Mixed`], on a hypercall number Xen does not have:
/// three integers, a buffer Xen reads and one it writes.
struct MixedSignature;

// SAFETY: hypercall 63 does not exist (Xen answers `ENOSYS` and touches no
// memory, and so does the software Xen these calls go to).
unsafe impl Signature for MixedSignature {
    const TEXT: &'static str = "hypercall 63(u8, i16, i32, const u64 *, u8[16] *)";
    type R0 = Int;
    type R1 = Int;
    type R2 = Int;
    type R3 = Ptr<Read, u64>;
    type R4 = Ptr<Write, [u8; 16]>;
}

/// A call with one register of each kind.
#[derive(HypercallArgs)]
#[hypercall(op = 63, signature = MixedSignature)]
struct Mixed<'a> {
    narrow: u8,
    signed: i16,
    word: i32,
    buf: GuestHandle<'a, u64>,
    out: GuestHandleMut<'a, [u8; 16]>,
}

/// Arguments for [`Mixed`].
#[derive(Arbitrary, Debug)]
struct MixedArgs {
    narrow: u8,
    signed: i16,
    word: i32,
    len: u8,
}

/// A domain id: mostly ones that exist or may (0, 1, a few new ones),
/// sometimes anything.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Domid {
    Known(u8),
    Any(u16),
}

impl Domid {
    fn id(self) -> domid_t {
        match self {
            Domid::Known(n) => domid_t::from(n % 6),
            Domid::Any(n) => n,
        }
    }
}

/// One typed API call with arbitrary arguments.
#[derive(Arbitrary, Debug)]
enum Method {
    Version,
    PageSize,
    CompileInfo,
    Capabilities,
    Changeset,
    CommandLine,
    PlatformParameters,
    BuildId,
    Physinfo,
    SchedulerId,
    CpuTopology,
    NumaInfo,
    Domains,
    Domain(Domid),
    CreateDomain {
        domid: Domid,
        max_vcpus: u8,
        flags: u32,
        max_grant_frames: i32,
        max_maptrack_frames: i32,
        max_evtchn_port: u32,
    },
    DestroyDomain(Domid),
    PauseDomain(Domid),
    UnpauseDomain(Domid),
    SetMaxMem(Domid, u64),
    SetMaxVcpus(Domid, u32),
    VcpuInfo(Domid, u32),
    ConsoleRead {
        index: u32,
        incremental: bool,
        clear: bool,
    },
    ConsoleWrite(Vec<u8>),
    CurrentReservation(Domid),
    MaximumReservation(Domid),
    MaximumGpfn(Domid),
    MaximumRamPage,
    HypfsRead {
        path: String,
        max: u16,
    },
    Batch(Vec<Batched>),
    Registers(MixedArgs),
    EvtchnAllocUnbound(Domid, Domid),
    EvtchnBindInterdomain(Domid, u16),
    EvtchnClose(u16),
    EvtchnStatus(Domid, u16),
    GrantTableQuerySize(Domid),
    GrantTableSetup(Domid, u8),
}

/// A call that may go into a batch.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Batched {
    Version,
    PageSize,
    /// `hypfs_op`'s interface version.
    HypfsVersion,
    DomainInfo(Domid),
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let methods: Vec<Method> = super::steps(&mut u);
    let xen = super::soft_xen();
    for (n, method) in methods.into_iter().enumerate() {
        // Pool buffers the caller holds across the call, interleaved with
        // the ones the call allocates (the pool hands out freed slots
        // first, so the call's buffers land beside them): no byte of
        // theirs may change.
        let neighbours = neighbours(&xen, n);
        let outcome = call(&xen, &method);
        for (i, buf) in neighbours.iter().enumerate() {
            assert!(
                buf.iter().all(|&b| b == pattern(n, i)),
                "call {n} {method:?} changed a neighbouring buffer"
            );
        }
        drop(neighbours);
        if let Err(err) = &outcome {
            // Xen's answer to the arguments, never a fault. (The pool
            // can serve every buffer these arguments need, and the model
            // never answers what the API cannot decode, so a pool error
            // or an `Unexpected` is a finding too.)
            // A grant table operation answers in its status instead.
            // A call on the caller's own domain is refused before Xen.
            if err.grant_status().is_none() && !matches!(err, Error::Refused { .. }) {
                let errno = err
                    .errno()
                    .unwrap_or_else(|| panic!("call {n} {method:?}: {err} is not Xen's errno"));
                assert!(
                    errno.0 > 0 && errno != XenErrno(hcbuf_core::sys::errno::XEN_EFAULT),
                    "call {n} {method:?}: {err}"
                );
            }
        }
        assert_eq!(
            xen.backend().faults(),
            0,
            "call {n} {method:?} handed Xen a range outside its buffers"
        );
        assert_eq!(
            xen.pool().stats().live(),
            0,
            "call {n} {method:?} left a buffer behind"
        );
    }
    // The handle still works, and the model still answers as Xen 4.17.
    assert_eq!(xen.version().expect("version").major, 4);
}

/// The byte neighbour `i` of call `n` is filled with.
fn pattern(n: usize, i: usize) -> u8 {
    (n as u8).wrapping_mul(31) ^ (i as u8) ^ 0x5a
}

/// A few pool buffers of several size classes, each filled with its
/// pattern, with freed slots between them for the call to take.
fn neighbours(xen: &Xen<SoftXen>, n: usize) -> Vec<hcbuf_core::PoolSlice<'_, u8>> {
    let pool = xen.pool();
    let mut kept = Vec::new();
    for (i, len) in [16usize, 64, 256, 4096, 16, 64].into_iter().enumerate() {
        let gap = pool.slice::<u8>(len).expect("a small buffer");
        let mut buf = pool.slice::<u8>(len).expect("a small buffer");
        buf.iter_mut().for_each(|b| *b = pattern(n, i));
        kept.push(buf);
        drop(gap);
    }
    kept
}

/// Makes the call; `Ok` carries nothing, the checks are inside.
fn call(xen: &Xen<SoftXen>, method: &Method) -> Result<(), Error> {
    match *method {
        Method::Version => xen.version().map(drop),
        Method::PageSize => xen.page_size().map(|p| assert_eq!(p, 4096)),
        Method::CompileInfo => xen.compile_info().map(drop),
        Method::Capabilities => xen.capabilities().map(drop),
        Method::Changeset => xen.changeset().map(drop),
        Method::CommandLine => xen.command_line().map(drop),
        Method::PlatformParameters => xen.platform_parameters().map(drop),
        Method::BuildId => xen.build_id().map(drop),
        Method::Physinfo => xen.physinfo().map(drop),
        Method::SchedulerId => xen.scheduler_id().map(drop),
        Method::CpuTopology => xen.cpu_topology().map(drop),
        Method::NumaInfo => xen.numa_info().map(|(nodes, distances)| {
            assert_eq!(distances.len(), nodes.len());
            assert!(distances.iter().all(|row| row.len() == nodes.len()));
        }),
        Method::Domains => xen.domains().map(|list| {
            assert!(
                list.windows(2).all(|w| w[0].domid < w[1].domid),
                "sorted, unique"
            );
        }),
        Method::Domain(d) => xen
            .domain(d.id())
            .map(|info| assert_eq!(info.domid, d.id())),
        Method::CreateDomain {
            domid,
            max_vcpus,
            flags,
            max_grant_frames,
            max_maptrack_frames,
            max_evtchn_port,
        } => {
            let config = CreateDomain {
                max_vcpus: u32::from(max_vcpus),
                flags,
                max_grant_frames,
                max_maptrack_frames,
                max_evtchn_port,
                ..CreateDomain::default()
            };
            let id = xen.create_domain(domid.id(), config)?;
            // 0 and the reserved ids ask Xen to choose one.
            let asked = domid.id();
            assert!(
                asked == 0 || asked >= DOMID_FIRST_RESERVED || id == asked,
                "the id asked for"
            );
            assert_eq!(xen.domain(id).expect("a new domain exists").domid, id);
            Ok(())
        }
        Method::DestroyDomain(d) => {
            xen.destroy_domain(d.id())?;
            assert!(xen.domain(d.id()).is_err(), "destroyed");
            Ok(())
        }
        Method::PauseDomain(d) => xen.pause_domain(d.id()),
        Method::UnpauseDomain(d) => xen.unpause_domain(d.id()),
        Method::SetMaxMem(d, kb) => xen.set_max_mem(d.id(), kb),
        Method::SetMaxVcpus(d, max) => xen.set_max_vcpus(d.id(), max),
        Method::VcpuInfo(d, vcpu) => xen.vcpu_info(d.id(), vcpu).map(drop),
        Method::ConsoleRead {
            index,
            incremental,
            clear,
        } => {
            let mut at = index;
            xen.console_read(&mut at, incremental, clear).map(drop)
        }
        Method::ConsoleWrite(ref text) => xen.console_write(text),
        Method::CurrentReservation(d) => xen.current_reservation(d.id()).map(drop),
        Method::MaximumReservation(d) => xen.maximum_reservation(d.id()).map(drop),
        Method::MaximumGpfn(d) => xen.maximum_gpfn(d.id()).map(drop),
        Method::MaximumRamPage => xen.maximum_ram_page().map(drop),
        Method::HypfsRead { ref path, max } => xen
            .hypfs_read(path, usize::from(max))
            .map(|contents| assert!(contents.len() <= usize::from(max))),
        Method::Batch(ref calls) => {
            batch(xen, calls);
            Ok(())
        }
        Method::Registers(ref args) => {
            registers(xen, args);
            Ok(())
        }
        Method::EvtchnAllocUnbound(d, remote) => {
            let port = xen.evtchn_alloc_unbound(d.id(), remote.id())?;
            let status = xen.evtchn_status(d.id(), port).expect("the port exists");
            assert!(matches!(status, PortStatus::Unbound { .. }), "{status:?}");
            Ok(())
        }
        Method::EvtchnBindInterdomain(d, port) => xen
            .evtchn_bind_interdomain(d.id(), u32::from(port))
            .map(drop),
        // Only a port the program made may be closed: one for domain
        // `remote`, made first.
        Method::EvtchnClose(remote) => {
            let own = xen.evtchn_alloc_unbound_own(remote)?;
            xen.evtchn_close(own)
        }
        Method::EvtchnStatus(d, port) => xen.evtchn_status(d.id(), u32::from(port)).map(drop),
        Method::GrantTableQuerySize(d) => xen
            .grant_table_query_size(d.id())
            .map(|size| assert!(size.nr_frames <= size.max_nr_frames, "{size:?}")),
        Method::GrantTableSetup(d, nr) => {
            xen.grant_table_setup(d.id(), u32::from(nr)).map(|frames| {
                assert_eq!(frames.len(), usize::from(nr));
                assert!(frames.iter().all(|&f| f != 0), "{frames:?}");
            })
        }
    }
}

/// The same calls batched and one by one give the same answers.
fn batch(xen: &Xen<SoftXen>, calls: &[Batched]) {
    let calls = &calls[..calls.len().min(32)];
    let pool = xen.pool();
    let mut numbers = Vec::new();
    let mut pages = Vec::new();
    let mut hypfs = Vec::new();
    let mut infos = Vec::new();
    for c in calls {
        match *c {
            Batched::Version => numbers.push(VersionNumber::default()),
            Batched::PageSize => pages.push(PageSize::default()),
            Batched::HypfsVersion => hypfs.push(HypfsGetVersion::new()),
            Batched::DomainInfo(d) => infos.push(
                Op::domctl(Release::Xen4_17, pool, d.id(), GetDomainInfo::default())
                    .expect("a small buffer"),
            ),
        }
    }
    let mut one_by_one = Vec::new();
    for n in &numbers {
        one_by_one.push(xen.backend().hypercall(n));
    }
    for p in &pages {
        one_by_one.push(xen.backend().hypercall(p));
    }
    for h in &hypfs {
        one_by_one.push(xen.backend().hypercall(h));
    }
    for op in &mut infos {
        one_by_one.push(xen.backend().hypercall(&op.call()));
    }
    // What Xen wrote one by one; cleared for the batch to write again.
    let written: Vec<GetDomainInfo> = infos.iter().map(|op| *op.payload()).collect();
    for op in &mut infos {
        *op.payload_mut() = GetDomainInfo::default();
    }
    let info_calls: Vec<_> = infos.iter_mut().map(|op| op.call()).collect();
    let mut batch = Batch::new();
    for n in &numbers {
        batch.push(n);
    }
    for p in &pages {
        batch.push(p);
    }
    for h in &hypfs {
        batch.push(h);
    }
    for c in &info_calls {
        batch.push(c);
    }
    match xen.multicall(batch) {
        Ok(results) => assert_eq!(results, one_by_one, "batched vs one by one"),
        Err(err) => panic!("multicall of {calls:?}: {err}"),
    }
    drop(info_calls);
    let rewritten: Vec<GetDomainInfo> = infos.iter().map(|op| *op.payload()).collect();
    assert_eq!(
        rewritten, written,
        "the batch wrote what the calls one by one did"
    );
}

/// Each field of a derived call becomes its register.
fn registers(xen: &Xen<SoftXen>, args: &MixedArgs) {
    let pool = xen.pool();
    let words = pool
        .slice::<u64>(usize::from(args.len))
        .expect("a small buffer");
    let mut out = pool.boxed::<[u8; 16]>().expect("a small buffer");
    let out_addr = out.as_ptr() as u64;
    let call = Mixed {
        narrow: args.narrow,
        signed: args.signed,
        word: args.word,
        buf: words.handle(),
        out: out.handle_mut(),
    };
    assert_eq!(Mixed::OP, 63);
    assert_eq!(
        call.registers(),
        [
            u64::from(args.narrow),
            i64::from(args.signed) as u64,
            i64::from(args.word) as u64,
            // An empty slice's handle is null: its address names no buffer.
            if words.is_empty() {
                0
            } else {
                words.as_ptr() as u64
            },
            out_addr,
        ]
    );
}
