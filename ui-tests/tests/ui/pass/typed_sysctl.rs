//! Every typed sysctl payload beyond those of `typed_definitions.rs`
//! builds (with its element and nested types, and its unions through their
//! constructors), goes into a sysctl buffer in pool memory, and lowers to
//! a call.

use hcbuf_core::args::family::Sysctl;
use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::xen::{Op, sysctl::*};
use hcbuf_core::{Backend, Pool, SubOp};

fn sysctl<P: SubOp<Family = Sysctl>>(pool: &Pool, xen: &Recording, p: P) {
    let mut op = Op::sysctl(pool, p).unwrap();
    xen.hypercall(&op.call()).unwrap();
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();

    let mut cpus = pool.slice::<u8>(8).unwrap();
    sysctl(&pool, &xen, TbufOp {
        cmd: XEN_SYSCTL_TBUFOP_set_cpu_mask,
        cpu_mask: Bitmap { bitmap: cpus.handle_mut(), nr_bits: 64, ..Default::default() },
        ..Default::default()
    });

    let mut descs = pool.slice::<PerfcDesc>(4).unwrap();
    let mut vals = pool.slice::<u32>(16).unwrap();
    sysctl(&pool, &xen, PerfcOp {
        cmd: XEN_SYSCTL_PERFCOP_query,
        desc: descs.handle_mut(),
        val: vals.handle_mut(),
        ..Default::default()
    });

    let keys = pool.slice::<u8>(2).unwrap();
    sysctl(&pool, &xen, DebugKeys { keys: keys.handle(), nr_keys: 2, ..Default::default() });

    sysctl(&pool, &xen, AvailHeap { node: -1, ..Default::default() });

    let mut trans = pool.slice::<u64>(16).unwrap();
    let mut pt = pool.slice::<PmPxVal>(4).unwrap();
    let px = PmPxStat { trans_pt: trans.handle_mut(), pt: pt.handle_mut(), ..Default::default() };
    sysctl(&pool, &xen, GetPmStat { r#type: PMSTAT_get_pxstat, cpuid: 0, u: GetPmStatU::getpx(px) });
    let (mut triggers, mut residencies) = (pool.slice::<u64>(8).unwrap(), pool.slice::<u64>(8).unwrap());
    let (mut pc, mut cc) = (pool.slice::<u64>(8).unwrap(), pool.slice::<u64>(8).unwrap());
    let cx = PmCxStat {
        nr: 8,
        triggers: triggers.handle_mut(),
        residencies: residencies.handle_mut(),
        nr_pc: 8,
        nr_cc: 8,
        pc: pc.handle_mut(),
        cc: cc.handle_mut(),
        ..Default::default()
    };
    sysctl(&pool, &xen, GetPmStat { r#type: PMSTAT_get_cxstat, cpuid: 0, u: GetPmStatU::getcx(cx) });

    sysctl(&pool, &xen, CpuHotplug { cpu: 1, op: XEN_SYSCTL_CPU_HOTPLUG_ONLINE });

    let (mut affected, mut freqs, mut govs) =
        (pool.slice::<u32>(8).unwrap(), pool.slice::<u32>(8).unwrap(), pool.slice::<u8>(64).unwrap());
    let para = GetCpufreqPara {
        cpu_num: 8,
        freq_num: 8,
        gov_num: 64,
        affected_cpus: affected.handle_mut(),
        scaling_available_frequencies: freqs.handle_mut(),
        scaling_available_governors: govs.handle_mut(),
        u: GetCpufreqParaU::ondemand(Ondemand::default()),
        ..Default::default()
    };
    let mut op = Op::sysctl(&pool, PmOp { cmd: GET_CPUFREQ_PARA, cpuid: 0, u: PmOpU::get_para(para) }).unwrap();
    xen.hypercall(&op.call()).unwrap();
    // SAFETY: the union was built as `get_para`, and Xen answered that command.
    assert_eq!(unsafe { op.payload().u.as_get_para() }.cpu_num, 8);
    assert_eq!(op.payload().u.as_set_para().ctrl_type, 8); // the same bytes
    let governor = SetCpufreqGov { scaling_governor: *b"ondemand\0\0\0\0\0\0\0\0" };
    sysctl(&pool, &xen, PmOp { cmd: SET_CPUFREQ_GOV, cpuid: 0, u: PmOpU::set_gov(governor) });
    let set = SetCpufreqPara { ctrl_type: SCALING_MAX_FREQ, ctrl_value: 2_000_000 };
    sysctl(&pool, &xen, PmOp { cmd: SET_CPUFREQ_PARA, cpuid: 0, u: PmOpU::set_para(set) });
    sysctl(&pool, &xen, PmOp { cmd: GET_CPUFREQ_AVGFREQ, cpuid: 0, u: PmOpU::get_avgfreq(0) });
    sysctl(&pool, &xen, PmOp { cmd: XEN_SYSCTL_pm_op_set_max_cstate, cpuid: 0, u: PmOpU::set_max_cstate(2) });
    let _ = (PmOpU::set_sched_opt_smt(1), PmOpU::get_max_cstate(0), GetCpufreqParaU::userspace(Userspace::default()));

    let mut status = pool.slice::<u32>(4).unwrap();
    sysctl(&pool, &xen, PageOfflineOp {
        cmd: sysctl_query_page_offline,
        start: 0x1000,
        end: 0x1003,
        status: status.handle_mut(),
        ..Default::default()
    });

    let mut locks = pool.slice::<LockprofData>(8).unwrap();
    sysctl(&pool, &xen, LockprofOp { cmd: XEN_SYSCTL_LOCKPROF_query, max_elem: 8, data: locks.handle_mut(), ..Default::default() });

    let mut map = pool.slice::<u8>(8).unwrap();
    sysctl(&pool, &xen, CpupoolOp {
        op: XEN_SYSCTL_CPUPOOL_OP_INFO,
        cpumap: Bitmap { bitmap: map.handle_mut(), nr_bits: 64, ..Default::default() },
        ..Default::default()
    });

    let mut schedule = pool.boxed::<Arinc653Schedule>().unwrap();
    schedule.num_sched_entries = 1;
    schedule.sched_entries[0] = Arinc653SchedEntry { vcpu_id: 0, runtime: 10_000_000, ..Default::default() };
    let arinc = SchedArinc653 { schedule: schedule.handle_mut() };
    sysctl(&pool, &xen, SchedulerOp { cmd: XEN_SYSCTL_SCHEDOP_putinfo, u: SchedulerOpU::sched_arinc653(arinc), ..Default::default() });
    let credit = CreditSchedule { tslice_ms: 30, ratelimit_us: 1000, vcpu_migr_delay_us: 0 };
    sysctl(&pool, &xen, SchedulerOp { cmd: XEN_SYSCTL_SCHEDOP_putinfo, u: SchedulerOpU::sched_credit(credit), ..Default::default() });
    let credit2 = Credit2Schedule { ratelimit_us: 1000 };
    let op = Op::sysctl(&pool, SchedulerOp { u: SchedulerOpU::sched_credit2(credit2), ..Default::default() }).unwrap();
    assert_eq!(op.payload().u.as_sched_credit2().ratelimit_us, 1000);
    assert_eq!(op.payload().u.as_sched_credit().tslice_ms, 1000); // the same bytes
    assert_eq!(op.payload().u.as_sched_credit().ratelimit_us, 0); // zeroed past the member

    let mut coverage = pool.slice::<u8>(4096).unwrap();
    sysctl(&pool, &xen, CoverageOp { cmd: XEN_SYSCTL_COVERAGE_read, size: 4096, buffer: coverage.handle_mut() });

    let l3 = PsrCmtL3Cache { cpu: 0, rsvd: 0 };
    let cmt = PsrCmtOp { cmd: XEN_SYSCTL_PSR_CMT_get_l3_cache_size, flags: 0, u: PsrCmtOpU::l3_cache(l3) };
    assert_eq!(cmt.u.as_data(), &0);
    sysctl(&pool, &xen, cmt);

    let devs = pool.slice::<hcbuf_core::xen::memory::PciDevice>(2).unwrap();
    let mut nodes = pool.slice::<u32>(2).unwrap();
    sysctl(&pool, &xen, PciTopoInfo { num_devs: 2, devs: devs.handle(), nodes: nodes.handle_mut(), ..Default::default() });

    sysctl(&pool, &xen, PsrAlloc { cmd: XEN_SYSCTL_PSR_get_l3_info, target: 0, u: PsrAllocU::cat_info(PsrCatInfo::default()) });
    let _ = PsrAllocU::mba_info(PsrMbaInfo::default()).as_mba_info().cos_max;

    sysctl(&pool, &xen, CpuLevellingCaps::default());

    let mut features = pool.slice::<u32>(32).unwrap();
    sysctl(&pool, &xen, CpuFeatureset {
        index: XEN_SYSCTL_cpu_featureset_host,
        nr_features: 32,
        features: features.handle_mut(),
    });

    let patch_name = pool.slice::<u8>(8).unwrap();
    let name = LivepatchName { name: patch_name.handle(), size: 8, pad: [0; 3] };
    let elf = pool.slice::<u8>(4096).unwrap();
    let upload = LivepatchUpload { name, size: 4096, payload: elf.handle() };
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_UPLOAD, pad: 0, u: LivepatchOpU::upload(upload) });
    let get = LivepatchGet { name, status: LivepatchStatus::default() };
    let mut op = Op::sysctl(&pool, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_GET, pad: 0, u: LivepatchOpU::get(get) }).unwrap();
    xen.hypercall(&op.call()).unwrap();
    // SAFETY: built as `get`, and Xen writes `get` back for this command.
    assert_eq!(unsafe { op.payload().u.as_get() }.status.rc, 0);
    let mut statuses = pool.slice::<LivepatchStatus>(4).unwrap();
    let (mut names, mut lens) = (pool.slice::<u8>(4 * 128).unwrap(), pool.slice::<u32>(4).unwrap());
    let (mut meta, mut meta_lens) = (pool.slice::<u8>(1024).unwrap(), pool.slice::<u32>(4).unwrap());
    let list = LivepatchList {
        nr: 4,
        status: statuses.handle_mut(),
        name: names.handle_mut(),
        len: lens.handle_mut(),
        metadata: meta.handle_mut(),
        metadata_len: meta_lens.handle_mut(),
        ..Default::default()
    };
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_LIST, pad: 0, u: LivepatchOpU::list(list) });
    let action = LivepatchAction { name, cmd: LIVEPATCH_ACTION_APPLY, ..Default::default() };
    sysctl(&pool, &xen, LivepatchOp { cmd: XEN_SYSCTL_LIVEPATCH_ACTION, pad: 0, u: LivepatchOpU::action(action) });

    let mut leaves = pool.slice::<[u32; 6]>(64).unwrap();
    let mut msrs = pool.slice::<[u64; 2]>(16).unwrap();
    sysctl(&pool, &xen, CpuPolicy {
        index: XEN_SYSCTL_cpu_policy_host,
        nr_leaves: 64,
        nr_msrs: 16,
        leaves: leaves.handle_mut(),
        msrs: msrs.handle_mut(),
        ..Default::default()
    });

    // 19 payloads; get_pmstat twice, pm_op five times, scheduler_op twice,
    // livepatch_op four times.
    assert_eq!(xen.calls().len(), 19 + 1 + 4 + 1 + 3);
}
