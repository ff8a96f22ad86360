//! Which requests share pages, and how big their slots are.
//!
//! A request of at most [`MAX_SLOT`] bytes (and alignment at most its slot
//! size) takes a slot of the smallest power-of-two class that fits, in a
//! page holding only slots of that class; larger requests take a run of
//! whole pages. Slots are aligned to their size because pages are aligned
//! and every class divides the page size. The largest class is a whole
//! page, so page-sized buffers, the commonest hypercall buffer, live in
//! the per-thread caches too.

/// The smallest slot: room for the free-list link and any scalar.
pub(crate) const MIN_SLOT: usize = 16;
/// The largest slot (a 4 KiB page); anything bigger takes whole pages.
pub(crate) const MAX_SLOT: usize = 4096;
/// The number of slot classes: 16, 32, …, 4096.
pub(crate) const CLASSES: usize = (MAX_SLOT / MIN_SLOT).trailing_zeros() as usize + 1;

/// The class of slot a request of `size` bytes aligned to `align` takes, or
/// `None` if it needs a run of pages.
#[inline]
pub(crate) fn class_of(size: usize, align: usize) -> Option<usize> {
    let need = size.max(align).max(MIN_SLOT);
    if need > MAX_SLOT {
        return None;
    }
    Some((need.next_power_of_two() / MIN_SLOT).trailing_zeros() as usize)
}

/// The slot size of class `class`.
#[inline]
pub(crate) fn slot_size(class: usize) -> usize {
    MIN_SLOT << class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_the_smallest_fitting_power_of_two() {
        assert_eq!(CLASSES, 9);
        assert_eq!(class_of(1, 1), Some(0));
        assert_eq!(class_of(16, 8), Some(0));
        assert_eq!(class_of(17, 1), Some(1));
        assert_eq!(class_of(64, 8), Some(2));
        assert_eq!(class_of(8, 64), Some(2), "alignment raises the class");
        assert_eq!(class_of(2048, 8), Some(7));
        assert_eq!(class_of(2049, 8), Some(8));
        assert_eq!(class_of(4096, 8), Some(8));
        assert_eq!(class_of(4097, 8), None);
        assert_eq!(class_of(8, 4096), Some(8), "page alignment: a page slot");
        for class in 0..CLASSES {
            assert_eq!(class_of(slot_size(class), 1), Some(class));
            assert!(4096 % slot_size(class) == 0);
        }
    }
}
