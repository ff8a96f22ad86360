//! Every typed definition of `hcbuf_core::xen::{memory, hypfs, console,
//! multicall}` builds (counts set, then buffers lent that hold them),
//! goes into pool memory, and lowers to a call.

use hcbuf_core::args::family;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::memory::{E820_RAM, XENMEM_increase_reservation};
use hcbuf_core::sys::xen::{__HYPERVISOR_memory_op, DOMID_SELF};
use hcbuf_core::xen::CmdCall;
use hcbuf_core::xen::console::*;
use hcbuf_core::xen::hypfs::*;
use hcbuf_core::xen::memory::*;
use hcbuf_core::xen::version::{PageSize, VersionNumber};
use hcbuf_core::{Backend, Pool, SubOp};

fn memory_op<P: SubOp<Family = family::MemoryOp>>(pool: &Pool, xen: &Recording, p: P) {
    let arg = pool.boxed_from(p).unwrap();
    xen.hypercall(&CmdCall::new(arg)).unwrap();
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
    let mut reservation = MemoryReservation::default();
    reservation.domid = DOMID_SELF;
    reservation.set_nr_extents(8).unwrap();
    reservation.set_extent_start(frames.lend_mut()).unwrap();
    memory_op(&pool, &xen, IncreaseReservation::new(reservation));
    let mut frames = pool.slice::<u64>(8).unwrap();
    let mut reservation = MemoryReservation::default();
    reservation.set_nr_extents(8).unwrap();
    reservation.set_extent_start(frames.lend_mut()).unwrap();
    memory_op(&pool, &xen, DecreaseReservation::new(reservation));
    let mut frames = pool.slice::<u64>(8).unwrap();
    let mut reservation = MemoryReservation::default();
    reservation.set_nr_extents(8).unwrap();
    reservation.set_extent_start(frames.lend_mut()).unwrap();
    memory_op(&pool, &xen, PopulatePhysmap::new(reservation));
    // A claim lends no buffer: the null handle.
    let mut claim = MemoryReservation::default();
    claim.domid = 1;
    claim.set_nr_extents(256).unwrap();
    assert!(claim.extent_start().is_null());
    memory_op(&pool, &xen, ClaimPages::new(claim));
    let (mut give, mut take) = (pool.slice::<u64>(4).unwrap(), pool.slice::<u64>(4).unwrap());
    let (mut r#in, mut out) = (MemoryReservation::default(), MemoryReservation::default());
    r#in.set_nr_extents(4).unwrap();
    r#in.set_extent_start(give.lend_mut()).unwrap();
    out.set_nr_extents(4).unwrap();
    out.set_extent_start(take.lend_mut()).unwrap();
    memory_op(&pool, &xen, Exchange { r#in, out, nr_exchanged: 0 });
    memory_op(&pool, &xen, CurrentReservation::new(MemoryDomain { domid: DOMID_SELF }));
    memory_op(&pool, &xen, MaximumReservation::new(MemoryDomain { domid: DOMID_SELF }));
    memory_op(&pool, &xen, MaximumGpfn::new(MemoryDomain { domid: DOMID_SELF }));
    let mut mfns = pool.slice::<u64>(16).unwrap();
    let mut list = MachphysMfnListPayload::default();
    list.set_max_extents(16).unwrap();
    list.set_extent_start(mfns.lend_mut()).unwrap();
    memory_op(&pool, &xen, MachphysMfnList::new(list));
    let mut mfns = pool.slice::<u64>(16).unwrap();
    let mut list = MachphysMfnListPayload::default();
    list.set_max_extents(16).unwrap();
    list.set_extent_start(mfns.lend_mut()).unwrap();
    memory_op(&pool, &xen, MachphysCompatMfnList::new(list));
    memory_op(&pool, &xen, MachphysMapping::default());
    memory_op(&pool, &xen, AddToPhysmap { domid: DOMID_SELF, gpfn: 0x1000, ..Default::default() });
    let (idxs, gpfns) = (pool.slice::<u64>(2).unwrap(), pool.slice::<u64>(2).unwrap());
    let mut errs = pool.slice::<i32>(2).unwrap();
    let mut batch = AddToPhysmapBatch::default();
    batch.set_size(2).unwrap();
    batch.set_idxs(idxs.lend()).unwrap();
    batch.set_gpfns(gpfns.lend()).unwrap();
    batch.set_errs(errs.lend_mut()).unwrap();
    memory_op(&pool, &xen, batch);
    memory_op(&pool, &xen, RemoveFromPhysmap { domid: DOMID_SELF, gpfn: 0x1000, ..Default::default() });
    let mut map = pool.slice::<E820Entry>(128).unwrap();
    let mut memory_map = MemoryMap::default();
    memory_map.set_nr_entries(128).unwrap();
    memory_map.set_buffer(map.lend_mut()).unwrap();
    memory_op(&pool, &xen, GetMemoryMap::new(memory_map));
    let mut map = pool.slice::<E820Entry>(128).unwrap();
    let mut memory_map = MemoryMap::default();
    memory_map.set_nr_entries(128).unwrap();
    memory_map.set_buffer(map.lend_mut()).unwrap();
    memory_op(&pool, &xen, MachineMemoryMap::new(memory_map));
    let mut map = pool.slice_from(&[e820]).unwrap();
    let mut memory_map = MemoryMap::default();
    memory_map.set_nr_entries(1).unwrap();
    memory_map.set_buffer(map.lend_mut()).unwrap();
    memory_op(&pool, &xen, SetMemoryMap { domid: 1, map: memory_map, ..Default::default() });
    memory_op(&pool, &xen, SetPodTarget::new(PodTarget { target_pages: 1 << 18, domid: 1, ..Default::default() }));
    memory_op(&pool, &xen, GetPodTarget::new(PodTarget { domid: 1, ..Default::default() }));
    let page = pool.slice::<u8>(4096).unwrap();
    let mut paging = PagingOp::default();
    paging.domain = 1;
    paging.gfn = 0x1000;
    paging.set_buffer(page.lend()).unwrap();
    memory_op(&pool, &xen, paging);
    let mut access = AccessOp::default();
    access.domid = 1;
    access.pfn = 0x1000;
    access.set_nr(1).unwrap();
    memory_op(&pool, &xen, access);
    let mut rdm = pool.slice::<ReservedDeviceMemory>(4).unwrap();
    let mut rdm_map = ReservedDeviceMemoryMap::default();
    rdm_map.set_nr_entries(4).unwrap();
    rdm_map.set_buffer(rdm.lend_mut()).unwrap();
    memory_op(&pool, &xen, rdm_map);
    let mut resource = pool.slice::<u64>(1).unwrap();
    let mut acquire = AcquireResource::default();
    acquire.domid = 1;
    acquire.set_nr_frames(1).unwrap();
    acquire.set_frame_list(resource.lend_mut()).unwrap();
    memory_op(&pool, &xen, acquire);
    let (mut dist, mut vcpus) = (pool.slice::<u32>(4).unwrap(), pool.slice::<u32>(2).unwrap());
    let mut ranges = pool.slice::<VMemRange>(2).unwrap();
    let mut vnuma = VnumaTopologyInfo::default();
    vnuma.domid = 1;
    vnuma.set_nr_vnodes(2).unwrap();
    vnuma.set_nr_vcpus(2).unwrap();
    vnuma.set_nr_vmemranges(2).unwrap();
    vnuma.set_vdistance(dist.lend_mut()).unwrap();
    vnuma.set_vcpu_to_vnode(vcpus.lend_mut()).unwrap();
    vnuma.set_vmemrange(ranges.lend_mut()).unwrap();
    memory_op(&pool, &xen, vnuma);
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
    let api = hcbuf_core::api::Xen::new(hcbuf_core::backend::Recording::new(), pool.clone());
    let (version, page) = (VersionNumber::default(), PageSize::default());
    let mut batch = hcbuf_core::api::Batch::new();
    batch.push(&version);
    batch.push(&page);
    api.multicall(batch).unwrap();
    let (op, registers) = api.backend().calls()[0];
    assert_eq!((op, registers[1]), (u64::from(hcbuf_core::sys::xen::__HYPERVISOR_multicall), 2));

    assert_eq!(xen.calls().len(), memory_calls + 3 + 2);
}
