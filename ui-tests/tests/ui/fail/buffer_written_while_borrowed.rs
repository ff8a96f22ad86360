use hcbuf_core::{GuestHandle, Pool};

fn main() {
    let pool = Pool::new().unwrap();
    let mut keys = pool.slice::<u8>(4).unwrap();
    let handle: GuestHandle<'_, u8> = keys.handle();
    keys[0] = b'q';
    println!("{handle:?}");
}
