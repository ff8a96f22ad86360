use hcbuf_core::{GuestHandleMut, Pool};

fn main() {
    let handle: GuestHandleMut<'_, u64>;
    {
        let pool = Pool::new().unwrap();
        let mut value = pool.boxed::<u64>().unwrap();
        handle = value.handle_mut();
    }
    println!("{handle:?}");
}
