//! Every typed definition of `hcbuf_core::xen::{memory, hypfs, console,
//! multicall}` builds, goes into pool memory, and lowers to a call.

use hcbuf_core::args::family;
use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::memory::{E820_RAM, XENMEM_increase_reservation};
use hcbuf_core::sys::xen::{__HYPERVISOR_memory_op, DOMID_SELF};
use hcbuf_core::xen::console::*;
use hcbuf_core::xen::hypfs::*;
use hcbuf_core::xen::memory::*;
use hcbuf_core::xen::version::{PageSize, VersionNumber};
use hcbuf_core::{Backend, Pool, SubOp};

fn memory_op<P: SubOp<Family = family::MemoryOp>>(pool: &Pool, xen: &Recording, p: P) {
    let mut arg = pool.boxed_from(p).unwrap();
    xen.hypercall(&MemoryOp { arg: arg.handle_mut() }).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    // memory_op: the data types.
    let e820 = E820Entry::new(0x10_0000, 0x4000_0000, E820_RAM);
    assert_eq!((e820.addr(), e820.size(), e820.region_type()), (0x10_0000, 0x4000_0000, E820_RAM));
    let _ = (ReservedDeviceMemory::default(), PciDevice::default(), VMemRange::default());

    // memory_op: every payload.
    let mut frames = pool.slice::<u64>(8).unwrap();
    let reservation = MemoryReservation { extent_start: frames.handle_mut(), nr_extents: 8, domid: DOMID_SELF, ..Default::default() };
    memory_op(&pool, &xen, IncreaseReservation::new(reservation));
    let mut frames = pool.slice::<u64>(8).unwrap();
    let reservation = MemoryReservation { extent_start: frames.handle_mut(), nr_extents: 8, ..Default::default() };
    memory_op(&pool, &xen, DecreaseReservation::new(reservation));
    let mut frames = pool.slice::<u64>(8).unwrap();
    let reservation = MemoryReservation { extent_start: frames.handle_mut(), nr_extents: 8, ..Default::default() };
    memory_op(&pool, &xen, PopulatePhysmap::new(reservation));
    memory_op(&pool, &xen, ClaimPages::new(MemoryReservation { nr_extents: 256, domid: 1, ..Default::default() }));
    let (mut give, mut take) = (pool.slice::<u64>(4).unwrap(), pool.slice::<u64>(4).unwrap());
    memory_op(&pool, &xen, Exchange {
        r#in: MemoryReservation { extent_start: give.handle_mut(), nr_extents: 4, ..Default::default() },
        out: MemoryReservation { extent_start: take.handle_mut(), nr_extents: 4, ..Default::default() },
        nr_exchanged: 0,
    });
    memory_op(&pool, &xen, CurrentReservation::new(MemoryDomain { domid: DOMID_SELF }));
    memory_op(&pool, &xen, MaximumReservation::new(MemoryDomain { domid: DOMID_SELF }));
    memory_op(&pool, &xen, MaximumGpfn::new(MemoryDomain { domid: DOMID_SELF }));
    let mut mfns = pool.slice::<u64>(16).unwrap();
    memory_op(&pool, &xen, MachphysMfnList::new(MachphysMfnListPayload { max_extents: 16, extent_start: mfns.handle_mut(), ..Default::default() }));
    let mut mfns = pool.slice::<u64>(16).unwrap();
    memory_op(&pool, &xen, MachphysCompatMfnList::new(MachphysMfnListPayload { max_extents: 16, extent_start: mfns.handle_mut(), ..Default::default() }));
    memory_op(&pool, &xen, MachphysMapping::default());
    memory_op(&pool, &xen, AddToPhysmap { domid: DOMID_SELF, gpfn: 0x1000, ..Default::default() });
    let (idxs, gpfns) = (pool.slice::<u64>(2).unwrap(), pool.slice::<u64>(2).unwrap());
    let mut errs = pool.slice::<i32>(2).unwrap();
    memory_op(&pool, &xen, AddToPhysmapBatch { size: 2, idxs: idxs.handle(), gpfns: gpfns.handle(), errs: errs.handle_mut(), ..Default::default() });
    memory_op(&pool, &xen, RemoveFromPhysmap { domid: DOMID_SELF, gpfn: 0x1000, ..Default::default() });
    let mut map = pool.slice::<E820Entry>(128).unwrap();
    memory_op(&pool, &xen, GetMemoryMap::new(MemoryMap { nr_entries: 128, buffer: map.handle_mut(), ..Default::default() }));
    let mut map = pool.slice::<E820Entry>(128).unwrap();
    memory_op(&pool, &xen, MachineMemoryMap::new(MemoryMap { nr_entries: 128, buffer: map.handle_mut(), ..Default::default() }));
    let mut map = pool.slice_from(&[e820]).unwrap();
    memory_op(&pool, &xen, SetMemoryMap { domid: 1, map: MemoryMap { nr_entries: 1, buffer: map.handle_mut(), ..Default::default() }, ..Default::default() });
    memory_op(&pool, &xen, SetPodTarget::new(PodTarget { target_pages: 1 << 18, domid: 1, ..Default::default() }));
    memory_op(&pool, &xen, GetPodTarget::new(PodTarget { domid: 1, ..Default::default() }));
    let page = pool.slice::<u8>(4096).unwrap();
    memory_op(&pool, &xen, PagingOp { domain: 1, buffer: page.handle(), gfn: 0x1000, ..Default::default() });
    memory_op(&pool, &xen, AccessOp { domid: 1, nr: 1, pfn: 0x1000, ..Default::default() });
    let mut rdm = pool.slice::<ReservedDeviceMemory>(4).unwrap();
    memory_op(&pool, &xen, ReservedDeviceMemoryMap { nr_entries: 4, buffer: rdm.handle_mut(), ..Default::default() });
    let mut resource = pool.slice::<u64>(1).unwrap();
    memory_op(&pool, &xen, AcquireResource { domid: 1, nr_frames: 1, frame_list: resource.handle_mut(), ..Default::default() });
    let (mut dist, mut vcpus) = (pool.slice::<u32>(4).unwrap(), pool.slice::<u32>(2).unwrap());
    let mut ranges = pool.slice::<VMemRange>(2).unwrap();
    memory_op(&pool, &xen, VnumaTopologyInfo {
        domid: 1,
        nr_vnodes: 2,
        nr_vcpus: 2,
        nr_vmemranges: 2,
        vdistance: dist.handle_mut(),
        vcpu_to_vnode: vcpus.handle_mut(),
        vmemrange: ranges.handle_mut(),
        ..Default::default()
    });
    xen.hypercall(&MaximumRamPage::new()).unwrap();
    let memory_calls = 24 + 1;
    let calls = xen.calls();
    assert_eq!(calls.len(), memory_calls);
    assert!(calls.iter().all(|(op, _)| *op == u64::from(__HYPERVISOR_memory_op)));
    assert_eq!(calls[0].1[0], u64::from(XENMEM_increase_reservation));

    // hypfs.
    let _ = (HypfsDirentry::default(), HypfsDirlistentry::default());
    xen.hypercall(&HypfsGetVersion::new()).unwrap();
    let path = pool.slice_from(b"/buildinfo/version\0").unwrap();
    let mut buf = pool.slice::<u8>(256).unwrap();
    let read = HypfsRead::new(&path, &mut buf);
    assert_eq!((read.path_len(), read.buf_len()), (19, 256));
    xen.hypercall(&read).unwrap();
    let contents = pool.slice_from(b"1\0").unwrap();
    xen.hypercall(&HypfsWriteContents::new(&path, &contents)).unwrap();

    // console_io.
    let text = pool.slice_from(b"hello, xen\n").unwrap();
    let write = ConsoleWrite::new(&text);
    assert_eq!(write.count(), 11);
    xen.hypercall(&write).unwrap();
    let mut input = pool.slice::<u8>(64).unwrap();
    xen.hypercall(&ConsoleRead::new(&mut input)).unwrap();

    // multicall: a batch of derived calls (a `Multicall` is made only
    // from one).
    let api = hcbuf_core::api::Xen::new(hcbuf_core::dispatch::Recording::new(), pool.clone());
    let (version, page) = (VersionNumber::default(), PageSize::default());
    let mut batch = hcbuf_core::api::Batch::new();
    batch.push(&version);
    batch.push(&page);
    api.multicall(batch).unwrap();
    let (op, registers) = api.backend().calls()[0];
    assert_eq!((op, registers[1]), (u64::from(hcbuf_core::sys::xen::__HYPERVISOR_multicall), 2));

    assert_eq!(xen.calls().len(), memory_calls + 3 + 2);
}
