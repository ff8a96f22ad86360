//! Toolstack programs built on hcbuf; see the binaries in `src/bin/`.
