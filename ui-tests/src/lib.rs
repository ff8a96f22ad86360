//! The compile-fail catalogue of hypercall misuse that hcbuf rejects, and
//! compile-pass cases that build every typed definition. The cases live in
//! `tests/ui/`; `README.md` lists each misuse and what it would do to a
//! real Xen call. Run with `cargo test -p hcbuf-ui-tests`; after a reviewed
//! change to an error message, `TRYBUILD=overwrite` rewrites the `.stderr`
//! snapshots (review the diff: the messages are part of the API).
