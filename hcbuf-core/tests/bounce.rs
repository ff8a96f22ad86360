//! Bounce buffer semantics: what is copied in, what is copied back, and
//! when; zero-length and unaligned caller slices; nothing leaks.

use hcbuf_core::Pool;

#[test]
fn in_copies_in_and_never_back() {
    let pool = Pool::locked_anonymous();
    let data = [1u32, 2, 3, 4];
    let b = pool.bounce_in(&data).unwrap();
    assert_eq!(b.buffer(), &data);
    assert_ne!(b.buffer().as_ptr(), data.as_ptr(), "Xen sees the pool copy");
    b.finish();
    assert_eq!(data, [1, 2, 3, 4]);
    assert_eq!(pool.stats().live(), 0);
}

#[test]
fn out_is_zeroed_and_copied_back_on_finish() {
    let pool = Pool::locked_anonymous();
    let mut data = [0xffu8; 40];
    let mut b = pool.bounce_out(&mut data).unwrap();
    assert!(
        b.buffer().iter().all(|&x| x == 0),
        "the caller's data is not copied in"
    );
    b.buffer_mut()[..5].copy_from_slice(b"hello");
    b.finish();
    assert_eq!(&data[..5], b"hello");
    assert!(
        data[5..].iter().all(|&x| x == 0),
        "the whole buffer is copied back"
    );
    assert_eq!(pool.stats().live(), 0);
}

#[test]
fn out_is_copied_back_when_merely_dropped() {
    let pool = Pool::locked_anonymous();
    let mut data = [0u64; 3];
    {
        let mut b = pool.bounce_out(&mut data).unwrap();
        b.buffer_mut()[1] = 42;
    }
    assert_eq!(data, [0, 42, 0]);
}

#[test]
fn in_out_copies_both_ways() {
    let pool = Pool::locked_anonymous();
    let mut data = [10u16, 20, 30];
    let mut b = pool.bounce_in_out(&mut data).unwrap();
    assert_eq!(b.buffer(), &[10, 20, 30]);
    b.buffer_mut()[2] += 1;
    drop(b);
    assert_eq!(data, [10, 20, 31]);
}

#[test]
fn zero_length_bounces_work_and_take_no_memory() {
    let pool = Pool::locked_anonymous();
    let empty: [u8; 0] = [];
    assert!(pool.bounce_in(&empty).unwrap().is_empty());
    let mut empty_mut: [u32; 0] = [];
    pool.bounce_out(&mut empty_mut).unwrap().finish();
    pool.bounce_in_out(&mut empty_mut).unwrap().finish();
    assert_eq!(pool.stats().allocations, 0);
}

#[test]
fn unaligned_caller_slices_bounce_to_aligned_pool_memory() {
    let pool = Pool::locked_anonymous();
    let mut backing = vec![0u8; 4200];
    for (i, b) in backing.iter_mut().enumerate() {
        *b = i as u8;
    }
    for (start, len) in [(1, 7), (3, 100), (5, 4096), (7, 4100)] {
        let expect = backing[start..start + len].to_vec();
        let b = pool.bounce_in(&backing[start..start + len]).unwrap();
        assert_eq!(b.buffer(), &expect[..]);
        assert_eq!(
            b.buffer().as_ptr() as usize % 16,
            0,
            "pool copies are at least 16-aligned"
        );
        drop(b);

        let slice = &mut backing[start..start + len];
        let mut b = pool.bounce_in_out(slice).unwrap();
        for x in b.buffer_mut() {
            *x = x.wrapping_add(1);
        }
        drop(b);
        let got = &backing[start..start + len];
        assert!(
            got.iter()
                .zip(&expect)
                .all(|(g, e)| *g == e.wrapping_add(1)),
            "{start}+{len}"
        );
        for (i, b) in backing.iter_mut().enumerate() {
            *b = i as u8;
        }
    }
    assert_eq!(pool.stats().live(), 0);
}
