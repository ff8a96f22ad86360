//! vCPUs and their placement: every vCPU's state, hard and soft affinity,
//! the domain's NUMA node affinity, its wallclock offset; and [`CpuMap`],
//! the set of CPUs (or nodes) Xen's `xenctl_bitmap` carries.

use std::fmt;

use hcbuf_sys::domctl::{
    XEN_INVALID_MAX_VCPU_ID, XEN_VCPUAFFINITY_HARD, XEN_VCPUAFFINITY_SOFT, xen_domctl_settimeoffset,
};
use hcbuf_sys::handles::LendError;
use hcbuf_sys::xen::domid_t;

use super::{Error, VcpuInfo, Xen, lend_error, pool_error};
use crate::backend::Backend;
use crate::owned::PoolSlice;
use crate::pool::{Pool, PoolError};
use crate::xen::domctl::{
    GetNodeAffinity, GetVcpuAffinity, NodeAffinity, SetNodeAffinity, SetTimeOffset,
    SetVcpuAffinity, VcpuAffinity,
};
use crate::xen::sysctl::Bitmap;

/// The most bits a [`CpuMap`] read from Xen has: a confused backend's
/// `max_cpu_id` cannot make the API allocate more than 8 KiB per map (Xen
/// copies no more bytes than the map has, so a smaller map is safe).
const MAX_MAP_BITS: u32 = 1 << 16;

/// The most vCPUs [`Xen::vcpus`] asks about (`MAX_VIRT_CPUS` on x86).
const MAX_VCPUS: u32 = 8192;

/// A set of CPUs, or of NUMA nodes, as Xen's `xenctl_bitmap` carries it:
/// `nr_bits` bits, bit `i % 8` of byte `i / 8` for CPU `i`, in exactly
/// `ceil(nr_bits / 8)` bytes. The byte length is the bit count's by
/// construction, and no bit at or past `nr_bits` is ever set, so the map
/// lends Xen exactly the bytes its count says.
///
/// ```
/// use hcbuf_core::api::CpuMap;
///
/// let mut cpus = CpuMap::new(4);
/// cpus.insert(1).unwrap();
/// cpus.insert(2).unwrap();
/// assert_eq!(cpus.to_string(), "1-2");
/// assert_eq!(CpuMap::all(4).to_string(), "all");
/// assert!(cpus.insert(4).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CpuMap {
    nr_bits: u32,
    // Invariant: `bytes.len() == byte_len(nr_bits)`; bits past `nr_bits`
    // are zero.
    bytes: Vec<u8>,
}

/// An index past a [`CpuMap`]'s bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("CPU {index} is past the map's {nr_bits} bits")]
pub struct OutOfRange {
    /// The index refused.
    pub index: u32,
    /// The map's bit count.
    pub nr_bits: u32,
}

/// A node map: the same bitmap, one bit per NUMA node.
pub type NodeMap = CpuMap;

fn byte_len(nr_bits: u32) -> usize {
    nr_bits.div_ceil(8) as usize
}

impl CpuMap {
    /// An empty map of `nr_bits` bits.
    pub fn new(nr_bits: u32) -> Self {
        CpuMap {
            nr_bits,
            bytes: vec![0; byte_len(nr_bits)],
        }
    }

    /// A map of `nr_bits` bits, all set.
    pub fn all(nr_bits: u32) -> Self {
        let mut map = CpuMap {
            nr_bits,
            bytes: vec![0xff; byte_len(nr_bits)],
        };
        map.clamp();
        map
    }

    /// A map of `nr_bits` bits holding `cpus`; the first index past the
    /// bits is refused.
    pub fn from_cpus(
        nr_bits: u32,
        cpus: impl IntoIterator<Item = u32>,
    ) -> Result<Self, OutOfRange> {
        let mut map = CpuMap::new(nr_bits);
        for cpu in cpus {
            map.insert(cpu)?;
        }
        Ok(map)
    }

    /// A map of `nr_bits` bits from Xen's bytes: missing bytes are zero,
    /// extra bytes and bits past `nr_bits` are dropped.
    pub fn from_bytes(nr_bits: u32, bytes: &[u8]) -> Self {
        let mut map = CpuMap::new(nr_bits);
        let n = map.bytes.len().min(bytes.len());
        map.bytes[..n].copy_from_slice(&bytes[..n]);
        map.clamp();
        map
    }

    /// Clears the bits of the last byte past `nr_bits`.
    fn clamp(&mut self) {
        let tail = self.nr_bits % 8;
        if tail != 0 {
            if let Some(last) = self.bytes.last_mut() {
                *last &= (1u8 << tail) - 1;
            }
        }
    }

    /// The number of bits (CPUs the map can name).
    pub fn nr_bits(&self) -> u32 {
        self.nr_bits
    }

    /// The bytes, `ceil(nr_bits / 8)` of them, as Xen reads them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Adds `cpu`.
    pub fn insert(&mut self, cpu: u32) -> Result<(), OutOfRange> {
        if cpu >= self.nr_bits {
            return Err(OutOfRange {
                index: cpu,
                nr_bits: self.nr_bits,
            });
        }
        self.bytes[(cpu / 8) as usize] |= 1 << (cpu % 8);
        Ok(())
    }

    /// Removes `cpu` (nothing if it is past the bits).
    pub fn remove(&mut self, cpu: u32) {
        if cpu < self.nr_bits {
            self.bytes[(cpu / 8) as usize] &= !(1 << (cpu % 8));
        }
    }

    /// Whether `cpu` is in the map.
    pub fn contains(&self, cpu: u32) -> bool {
        cpu < self.nr_bits && self.bytes[(cpu / 8) as usize] & (1 << (cpu % 8)) != 0
    }

    /// The CPUs in the map, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.nr_bits).filter(|&cpu| self.contains(cpu))
    }

    /// How many CPUs are in the map.
    pub fn count(&self) -> u32 {
        self.bytes.iter().map(|b| b.count_ones()).sum()
    }

    /// Whether no CPU is in the map.
    pub fn is_empty(&self) -> bool {
        self.bytes.iter().all(|&b| b == 0)
    }

    /// Whether every bit is set (and there is at least one).
    pub fn is_full(&self) -> bool {
        self.nr_bits > 0 && self.count() == self.nr_bits
    }

    /// The map as `nr_bits` bits (truncated or zero-extended).
    pub fn resized(&self, nr_bits: u32) -> Self {
        CpuMap::from_bytes(nr_bits, &self.bytes)
    }

    /// A pool copy of the bytes, to lend Xen (which may write it back). A
    /// map of more than [`MAX_MAP_BITS`] bits (65536: more CPUs or nodes
    /// than any Xen host has; Xen reads no more of a map than its own
    /// `nr_cpu_ids` bits) is refused before any pool memory is taken
    /// ([`Error::Pool`], `BadRequest`): a map of `u32::MAX` bits would
    /// otherwise cost 512 MiB of pool memory per copy.
    fn to_pool<'p>(&self, pool: &'p Pool, call: &'static str) -> Result<PoolSlice<'p, u8>, Error> {
        if self.nr_bits > MAX_MAP_BITS {
            return Err(Error::Pool {
                call,
                source: PoolError::BadRequest {
                    size: self.bytes.len(),
                    align: 1,
                    why: "a CPU or node map of more than 65536 bits (more than any Xen host has)",
                },
            });
        }
        pool.slice_from(&self.bytes).map_err(pool_error(call))
    }
}

/// Lends `buffer` as `bitmap`'s bytes, `nr_bits` bits (its count set
/// first, then the buffer checked against it).
fn lend_map<'a>(
    bitmap: &mut Bitmap<'a>,
    nr_bits: u32,
    buffer: &'a mut PoolSlice<'_, u8>,
) -> Result<(), LendError> {
    bitmap.set_nr_bits(nr_bits)?;
    bitmap.set_bitmap(buffer.lend_mut())
}

/// As `xl` prints a CPU map (`print_bitmap`): `all` when every bit is set,
/// `none` when none is, else the ranges (`0,2-3`).
impl fmt::Display for CpuMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        if self.is_full() {
            return f.write_str("all");
        }
        let mut first = true;
        let mut cpu = 0;
        while cpu < self.nr_bits {
            if !self.contains(cpu) {
                cpu += 1;
                continue;
            }
            let start = cpu;
            while cpu + 1 < self.nr_bits && self.contains(cpu + 1) {
                cpu += 1;
            }
            if !first {
                f.write_str(",")?;
            }
            first = false;
            if cpu > start {
                write!(f, "{start}-{cpu}")?;
            } else {
                write!(f, "{start}")?;
            }
            cpu += 1;
        }
        Ok(())
    }
}

impl fmt::Debug for CpuMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CpuMap({}/{} bits)", self, self.nr_bits)
    }
}

/// A vCPU's hard affinity (the CPUs it may run on) and soft affinity (the
/// CPUs it prefers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Affinity {
    /// The hard affinity.
    pub hard: CpuMap,
    /// The soft affinity.
    pub soft: CpuMap,
}

impl<B: Backend> Xen<B> {
    /// The bits of a CPU map on this host: `max_cpu_id + 1` from
    /// `XEN_SYSCTL_physinfo` (Xen's `nr_cpu_ids`, as libxenctrl's
    /// `xc_get_max_cpus`).
    pub fn max_cpus(&self) -> Result<u32, Error> {
        let info = self.physinfo()?;
        Ok(info.max_cpu_id.saturating_add(1).min(MAX_MAP_BITS))
    }

    /// The bits of a node map on this host: `max_node_id + 1` from
    /// `XEN_SYSCTL_physinfo` (as `xc_get_max_nodes`).
    pub fn max_nodes(&self) -> Result<u32, Error> {
        let info = self.physinfo()?;
        Ok(info.max_node_id.saturating_add(1).min(MAX_MAP_BITS))
    }

    /// Every vCPU of `domid` (`XEN_DOMCTL_getvcpuinfo` for ids 0 to the
    /// `max_vcpu_id` of `XEN_DOMCTL_getdomaininfo`), element `i` for vCPU
    /// `i`; none before the toolstack has created them
    /// (`XEN_DOMCTL_max_vcpus`).
    pub fn vcpus(&self, domid: domid_t) -> Result<Vec<VcpuInfo>, Error> {
        let info = self.domain(domid)?;
        if info.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID {
            return Ok(Vec::new());
        }
        (0..=info.max_vcpu_id.min(MAX_VCPUS - 1))
            .map(|vcpu| self.vcpu_info(domid, vcpu))
            .collect()
    }

    /// `XEN_DOMCTL_getvcpuaffinity`: vCPU `vcpu`'s hard and soft affinity,
    /// in maps of [`max_cpus`](Self::max_cpus) bits.
    pub fn vcpu_affinity(&self, domid: domid_t, vcpu: u32) -> Result<Affinity, Error> {
        const CALL: &str = "domctl getvcpuaffinity";
        let bits = self.max_cpus()?;
        let mut hard = CpuMap::new(bits).to_pool(&self.pool, CALL)?;
        let mut soft = CpuMap::new(bits).to_pool(&self.pool, CALL)?;
        {
            let mut ask = GetVcpuAffinity::new(VcpuAffinity::default());
            ask.vcpu = vcpu;
            ask.flags = XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT;
            lend_map(&mut ask.cpumap_hard, bits, &mut hard).map_err(lend_error(CALL))?;
            lend_map(&mut ask.cpumap_soft, bits, &mut soft).map_err(lend_error(CALL))?;
            self.domctl(CALL, domid, ask)?;
        }
        Ok(Affinity {
            hard: CpuMap::from_bytes(bits, &hard),
            soft: CpuMap::from_bytes(bits, &soft),
        })
    }

    /// `XEN_DOMCTL_setvcpuaffinity`: sets vCPU `vcpu`'s hard affinity, its
    /// soft affinity, or both (`None` leaves one alone; Xen refuses
    /// neither with `EINVAL`), and returns what Xen reports it uses: the
    /// hard affinity within the domain's cpupool, the soft affinity
    /// within that and the hard affinity. Xen refuses a hard affinity
    /// with no CPU of the cpupool (`EINVAL`).
    pub fn set_vcpu_affinity(
        &self,
        domid: domid_t,
        vcpu: u32,
        hard: Option<&CpuMap>,
        soft: Option<&CpuMap>,
    ) -> Result<(Option<CpuMap>, Option<CpuMap>), Error> {
        const CALL: &str = "domctl setvcpuaffinity";
        let empty = CpuMap::new(0);
        let mut hard_buf = hard.unwrap_or(&empty).to_pool(&self.pool, CALL)?;
        let mut soft_buf = soft.unwrap_or(&empty).to_pool(&self.pool, CALL)?;
        {
            let mut ask = SetVcpuAffinity::new(VcpuAffinity::default());
            ask.vcpu = vcpu;
            if let Some(map) = hard {
                ask.flags |= XEN_VCPUAFFINITY_HARD;
                lend_map(&mut ask.cpumap_hard, map.nr_bits, &mut hard_buf)
                    .map_err(lend_error(CALL))?;
            }
            if let Some(map) = soft {
                ask.flags |= XEN_VCPUAFFINITY_SOFT;
                lend_map(&mut ask.cpumap_soft, map.nr_bits, &mut soft_buf)
                    .map_err(lend_error(CALL))?;
            }
            self.domctl(CALL, domid, ask)?;
        }
        Ok((
            hard.map(|m| CpuMap::from_bytes(m.nr_bits, &hard_buf)),
            soft.map(|m| CpuMap::from_bytes(m.nr_bits, &soft_buf)),
        ))
    }

    /// `XEN_DOMCTL_getnodeaffinity`: the NUMA nodes the domain's memory
    /// comes from, in a map of [`max_nodes`](Self::max_nodes) bits.
    pub fn node_affinity(&self, domid: domid_t) -> Result<NodeMap, Error> {
        const CALL: &str = "domctl getnodeaffinity";
        let bits = self.max_nodes()?;
        let mut buf = NodeMap::new(bits).to_pool(&self.pool, CALL)?;
        {
            let mut ask = GetNodeAffinity::new(NodeAffinity::default());
            lend_map(&mut ask.nodemap, bits, &mut buf).map_err(lend_error(CALL))?;
            self.domctl(CALL, domid, ask)?;
        }
        Ok(NodeMap::from_bytes(bits, &buf))
    }

    /// `XEN_DOMCTL_setnodeaffinity`: sets the domain's node affinity (every
    /// node: back to automatic); Xen refuses a map with no online node
    /// (`EINVAL`).
    pub fn set_node_affinity(&self, domid: domid_t, nodes: &NodeMap) -> Result<(), Error> {
        const CALL: &str = "domctl setnodeaffinity";
        let mut buf = nodes.to_pool(&self.pool, CALL)?;
        let mut ask = SetNodeAffinity::new(NodeAffinity::default());
        lend_map(&mut ask.nodemap, nodes.nr_bits, &mut buf).map_err(lend_error(CALL))?;
        self.domctl(CALL, domid, ask).map(drop)
    }

    /// `XEN_DOMCTL_settimeoffset`: the seconds added to the domain's
    /// wallclock.
    pub fn set_time_offset(&self, domid: domid_t, seconds: i64) -> Result<(), Error> {
        let offset: SetTimeOffset = xen_domctl_settimeoffset {
            time_offset_seconds: seconds,
        };
        self.domctl("domctl settimeoffset", domid, offset).map(drop)
    }
}
