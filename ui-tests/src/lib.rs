//! The compile-fail catalogue of hypercall misuse that hcbuf rejects (not written yet).
