//! Every typed sysctl payload beyond those of `typed_definitions.rs`
//! builds (with its element and nested types, its unions through their
//! constructors, its counts set before the buffers they measure are lent,
//! and its unbounded handles through their `unsafe` setters), goes into a
//! sysctl buffer in pool memory, and lowers to a call.

use hcbuf_core::Release;
use hcbuf_core::args::family::Sysctl;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::xen::{Op, sysctl::*};
use hcbuf_core::{Backend, Pool, SubOp};

fn sysctl<P: SubOp<Family = Sysctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::sysctl(Release::Xen4_17, pool, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    let mut cpus = pool.slice::<u8>(8).unwrap();
    let mut cpu_mask = Bitmap::default();
    cpu_mask.set_nr_bits(64).unwrap();
    cpu_mask.set_bitmap(cpus.lend_mut()).unwrap();
    sysctl(&pool, &xen, TbufOp { cmd: XEN_SYSCTL_TBUFOP_set_cpu_mask, cpu_mask, ..Default::default() });

    let mut descs = pool.slice::<PerfcDesc>(4).unwrap();
    let mut vals = pool.slice::<u32>(16).unwrap();
    let mut perfc = PerfcOp::default();
    perfc.cmd = XEN_SYSCTL_PERFCOP_query;
    // SAFETY: Xen writes as many descriptions and values as it has
    // counters, which no field bounds; these buffers stand for ones sized
    // from a sizing call (4 counters, 16 values), and the recording backend
    // issues no hypercall, so nothing is written through them.
    unsafe {
        perfc.set_desc(descs.handle_mut());
        perfc.set_val(vals.handle_mut());
    }
    sysctl(&pool, &xen, perfc);

    let keys = pool.slice::<u8>(2).unwrap();
    let mut debug_keys = DebugKeys::default();
    debug_keys.set_nr_keys(2).unwrap();
    debug_keys.set_keys(keys.lend()).unwrap();
    sysctl(&pool, &xen, debug_keys);

    sysctl(&pool, &xen, AvailHeap { node: -1, ..Default::default() });

    let mut trans = pool.slice::<u64>(16).unwrap();
    let mut pt = pool.slice::<PmPxVal>(4).unwrap();
    let mut px = PmPxStat::default();
    // SAFETY: Xen writes `ct * ct` transitions and `ct` values, `ct` being
    // its own P-state count of the CPU, which no field bounds; these buffers
    // stand for a CPU of 4 P-states, and the recording backend issues no
    // hypercall, so nothing is written through them.
    unsafe {
        px.set_trans_pt(trans.handle_mut());
        px.set_pt(pt.handle_mut());
    }
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, GetPmStat { r#type: PMSTAT_get_pxstat, cpuid: 0, u: unsafe { GetPmStatU::getpx(px) } });
    let (mut triggers, mut residencies) = (pool.slice::<u64>(8).unwrap(), pool.slice::<u64>(8).unwrap());
    let (mut pc, mut cc) = (pool.slice::<u64>(8).unwrap(), pool.slice::<u64>(8).unwrap());
    let mut cx = PmCxStat::default();
    cx.set_nr(8).unwrap();
    cx.set_nr_pc(8).unwrap();
    cx.set_nr_cc(8).unwrap();
    cx.set_triggers(triggers.lend_mut()).unwrap();
    cx.set_residencies(residencies.lend_mut()).unwrap();
    cx.set_pc(pc.lend_mut()).unwrap();
    cx.set_cc(cc.lend_mut()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, GetPmStat { r#type: PMSTAT_get_cxstat, cpuid: 0, u: unsafe { GetPmStatU::getcx(cx) } });

    sysctl(&pool, &xen, CpuHotplug { cpu: 1, op: XEN_SYSCTL_CPU_HOTPLUG_ONLINE });

    // Four governors' names of `CPUFREQ_NAME_LEN` bytes each.
    let (mut affected, mut freqs, mut govs) =
        (pool.slice::<u32>(8).unwrap(), pool.slice::<u32>(8).unwrap(), pool.slice::<u8>(4 * CPUFREQ_NAME_LEN).unwrap());
    let mut para = GetCpufreqPara::default();
    para.u = GetCpufreqParaU::ondemand(Ondemand::default());
    para.set_cpu_num(8).unwrap();
    para.set_freq_num(8).unwrap();
    para.set_gov_num(4).unwrap();
    para.set_affected_cpus(affected.lend_mut()).unwrap();
    para.set_scaling_available_frequencies(freqs.lend_mut()).unwrap();
    para.set_scaling_available_governors(govs.lend_mut()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let mut op = Op::sysctl(Release::Xen4_17, &pool, PmOp { cmd: GET_CPUFREQ_PARA, cpuid: 0, u: unsafe { PmOpU::get_para(para) } }).unwrap();
    xen.hypercall(&op.call()).unwrap();
    // SAFETY: the union was built as `get_para`, and Xen answered that command.
    assert_eq!(unsafe { op.payload().u.as_get_para() }.cpu_num(), 8);
    assert_eq!(op.payload().u.as_set_para().ctrl_type, 8); // the same bytes
    let governor = SetCpufreqGov { scaling_governor: *b"ondemand\0\0\0\0\0\0\0\0" };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, PmOp { cmd: SET_CPUFREQ_GOV, cpuid: 0, u: unsafe { PmOpU::set_gov(governor) } });
    let set = SetCpufreqPara { ctrl_type: SCALING_MAX_FREQ, ctrl_value: 2_000_000 };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, PmOp { cmd: SET_CPUFREQ_PARA, cpuid: 0, u: unsafe { PmOpU::set_para(set) } });
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, PmOp { cmd: GET_CPUFREQ_AVGFREQ, cpuid: 0, u: unsafe { PmOpU::get_avgfreq(0) } });
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, PmOp { cmd: XEN_SYSCTL_pm_op_set_max_cstate, cpuid: 0, u: unsafe { PmOpU::set_max_cstate(2) } });
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let _ = (unsafe { PmOpU::set_sched_opt_smt(1) }, unsafe { PmOpU::get_max_cstate(0) }, GetCpufreqParaU::userspace(Userspace::default()));

    let mut status = pool.slice::<u32>(4).unwrap();
    let mut offline = PageOfflineOp::default();
    offline.cmd = sysctl_query_page_offline;
    offline.set_start(0x1000).unwrap();
    offline.set_end(0x1003).unwrap();
    offline.set_status(status.lend_mut()).unwrap();
    sysctl(&pool, &xen, offline);

    let mut locks = pool.slice::<LockprofData>(8).unwrap();
    let mut lockprof = LockprofOp::default();
    lockprof.cmd = XEN_SYSCTL_LOCKPROF_query;
    lockprof.set_max_elem(8).unwrap();
    lockprof.set_data(locks.lend_mut()).unwrap();
    sysctl(&pool, &xen, lockprof);

    let mut map = pool.slice::<u8>(8).unwrap();
    let mut cpumap = Bitmap::default();
    cpumap.set_nr_bits(64).unwrap();
    cpumap.set_bitmap(map.lend_mut()).unwrap();
    sysctl(&pool, &xen, CpupoolOp { op: XEN_SYSCTL_CPUPOOL_OP_INFO, cpumap, ..Default::default() });

    let mut schedule = pool.boxed::<Arinc653Schedule>().unwrap();
    schedule.num_sched_entries = 1;
    schedule.sched_entries[0] = Arinc653SchedEntry { vcpu_id: 0, runtime: 10_000_000, ..Default::default() };
    let mut arinc = SchedArinc653::default();
    arinc.set_schedule(schedule.lend_mut()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, SchedulerOp { cmd: XEN_SYSCTL_SCHEDOP_putinfo, u: unsafe { SchedulerOpU::sched_arinc653(arinc) }, ..Default::default() });
    let credit = CreditSchedule { tslice_ms: 30, ratelimit_us: 1000, vcpu_migr_delay_us: 0 };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, SchedulerOp { cmd: XEN_SYSCTL_SCHEDOP_putinfo, u: unsafe { SchedulerOpU::sched_credit(credit) }, ..Default::default() });
    let credit2 = Credit2Schedule { ratelimit_us: 1000 };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let op = Op::sysctl(Release::Xen4_17, &pool, SchedulerOp { u: unsafe { SchedulerOpU::sched_credit2(credit2) }, ..Default::default() }).unwrap();
    assert_eq!(op.payload().u.as_sched_credit2().ratelimit_us, 1000);
    assert_eq!(op.payload().u.as_sched_credit().tslice_ms, 1000); // the same bytes
    assert_eq!(op.payload().u.as_sched_credit().ratelimit_us, 0); // zeroed past the member

    let mut coverage = pool.slice::<u8>(4096).unwrap();
    let mut read = CoverageOp::default();
    read.cmd = XEN_SYSCTL_COVERAGE_read;
    read.set_size(4096).unwrap();
    read.set_buffer(coverage.lend_mut()).unwrap();
    sysctl(&pool, &xen, read);

    let l3 = PsrCmtL3Cache { cpu: 0, rsvd: 0 };
    let cmt = PsrCmtOp { cmd: XEN_SYSCTL_PSR_CMT_get_l3_cache_size, flags: 0, u: PsrCmtOpU::l3_cache(l3) };
    assert_eq!(cmt.u.as_data(), &0);
    sysctl(&pool, &xen, cmt);

    let devs = pool.slice::<hcbuf_core::xen::memory::PciDevice>(2).unwrap();
    let mut nodes = pool.slice::<u32>(2).unwrap();
    let mut pcitopo = PciTopoInfo::default();
    pcitopo.set_num_devs(2).unwrap();
    pcitopo.set_devs(devs.lend()).unwrap();
    pcitopo.set_nodes(nodes.lend_mut()).unwrap();
    sysctl(&pool, &xen, pcitopo);

    sysctl(&pool, &xen, PsrAlloc { cmd: XEN_SYSCTL_PSR_get_l3_info, target: 0, u: PsrAllocU::cat_info(PsrCatInfo::default()) });
    let _ = PsrAllocU::mba_info(PsrMbaInfo::default()).as_mba_info().cos_max;

    sysctl(&pool, &xen, CpuLevellingCaps::default());

    let mut features = pool.slice::<u32>(32).unwrap();
    let mut featureset = CpuFeatureset::default();
    featureset.index = XEN_SYSCTL_cpu_featureset_host;
    featureset.set_nr_features(32).unwrap();
    featureset.set_features(features.lend_mut()).unwrap();
    sysctl(&pool, &xen, featureset);

    let patch_name = pool.slice::<u8>(8).unwrap();
    let mut name = LivepatchName::default();
    name.pad = [0; 3];
    name.set_size(8).unwrap();
    name.set_name(patch_name.lend()).unwrap();
    let elf = pool.slice::<u8>(4096).unwrap();
    let mut upload = LivepatchUpload::default();
    upload.name = name;
    upload.set_size(4096).unwrap();
    upload.set_payload(elf.lend()).unwrap();
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_UPLOAD, pad: 0, u: unsafe { LivepatchOpU::upload(upload) } });
    let get = LivepatchGet { name, status: LivepatchStatus::default() };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    let mut op = Op::sysctl(Release::Xen4_17, &pool, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_GET, pad: 0, u: unsafe { LivepatchOpU::get(get) } }).unwrap();
    xen.hypercall(&op.call()).unwrap();
    // SAFETY: built as `get`, and Xen writes `get` back for this command.
    assert_eq!(unsafe { op.payload().u.as_get() }.status.rc, 0);
    let mut statuses = pool.slice::<LivepatchStatus>(4).unwrap();
    let (mut names, mut lens) = (pool.slice::<u8>(4 * 128).unwrap(), pool.slice::<u32>(4).unwrap());
    let (mut meta, mut meta_lens) = (pool.slice::<u8>(1024).unwrap(), pool.slice::<u32>(4).unwrap());
    let mut list = LivepatchList::default();
    list.set_nr(4).unwrap();
    list.set_status(statuses.lend_mut()).unwrap();
    list.set_name(names.lend_mut()).unwrap();
    list.set_len(lens.lend_mut()).unwrap();
    list.set_metadata_len(meta_lens.lend_mut()).unwrap();
    // SAFETY: Xen writes the transferred payloads' metadata back to back,
    // which no field bounds; this buffer stands for one sized from the
    // `metadata_total_size` of an `nr` = 0 call, and the recording backend
    // issues no hypercall, so nothing is written through it.
    unsafe { list.set_metadata(meta.handle_mut()) };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_LIST, pad: 0, u: unsafe { LivepatchOpU::list(list) } });
    let action = LivepatchAction { name, cmd: LIVEPATCH_ACTION_APPLY, ..Default::default() };
    // SAFETY: the payload's selector (its `cmd`, `type` or `sched_id`) selects this member.
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_ACTION, pad: 0, u: unsafe { LivepatchOpU::action(action) } });

    let mut leaves = pool.slice::<[u32; 6]>(64).unwrap();
    let mut msrs = pool.slice::<[u64; 2]>(16).unwrap();
    let mut policy = CpuPolicy::default();
    policy.index = XEN_SYSCTL_cpu_policy_host;
    policy.set_nr_leaves(64).unwrap();
    policy.set_nr_msrs(16).unwrap();
    policy.set_leaves(leaves.lend_mut()).unwrap();
    policy.set_msrs(msrs.lend_mut()).unwrap();
    sysctl(&pool, &xen, policy);

    // 19 payloads; get_pmstat twice, pm_op five times, scheduler_op twice,
    // livepatch_op four times.
    assert_eq!(xen.calls().len(), 19 + 1 + 4 + 1 + 3);
}
