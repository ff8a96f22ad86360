// A nested union built as one member while the payload's selector picks
// another: with `sched_id` ARINC653, Xen reads the credit parameters'
// integers (`tslice_ms`, `ratelimit_us`) as the address of the 2064-byte
// schedule it writes. A union any member of which holds a guest handle is
// built only with `unsafe`, whose contract is that the selector picks it.
use hcbuf_core::xen::sysctl::{CreditSchedule, SchedulerOpU};

fn main() {
    let _u = SchedulerOpU::sched_credit(CreditSchedule {
        tslice_ms: 0x7fff_0000,
        ratelimit_us: 0x5555,
        vcpu_migr_delay_us: 0,
    });
}
