//! The C side: generate, compile and run the measuring program.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::abi::Kind;

use super::View;

/// What the C compiler says, keyed by (module, item[, field]) indices.
#[derive(Clone, Debug, Default)]
pub(crate) struct CReport {
    /// (module, layout) → (size, align)
    pub layouts: HashMap<(usize, usize), (usize, usize)>,
    /// (module, layout, field) → (offset, size)
    pub fields: HashMap<(usize, usize, usize), (usize, usize)>,
    /// (module, constant) → value bits
    pub consts: HashMap<(usize, usize), u64>,
}

/// Compiles and runs the measuring program against the headers under
/// `include` (the directory that holds `xen/`).
pub(crate) fn measure(modules: &[View], include: &Path) -> Result<CReport, String> {
    if !include.join("xen/sysctl.h").is_file() || !include.join("xen/domctl.h").is_file() {
        return Err(format!(
            "Xen's public headers are not under {}/xen (no sysctl.h / domctl.h): \
             install libxen-dev (apt-get install libxen-dev), or point \
             HCBUF_XEN_INCLUDE at the directory that holds xen/",
            include.display()
        ));
    }
    // A directory of its own per call, under the system's temporary
    // directory (`TMPDIR`), removed on the way out.
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("hcbuf-sys-prove-{}-{run}", std::process::id()));
    let result = measure_in(modules, include, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure_in(modules: &[View], include: &Path, dir: &Path) -> Result<CReport, String> {
    let shim = dir.join("shim/xen/interface");
    std::fs::create_dir_all(&shim).map_err(|e| format!("create {}: {e}", shim.display()))?;
    // Linux's uapi xen/privcmd.h includes the kernel-internal
    // <xen/interface/xen.h>; Xen's public <xen/xen.h> is the same header.
    write(&shim.join("xen.h"), "#include <xen/xen.h>\n")?;

    let source = dir.join("measure.c");
    write(&source, &program(modules))?;
    let binary = dir.join("measure");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let out = Command::new(&cc)
        .args(["-std=gnu11", "-Wall", "-Werror", "-o"])
        .arg(&binary)
        .arg(&source)
        .arg(format!("-I{}", dir.join("shim").display()))
        .arg(format!("-I{}", include.display()))
        .output()
        .map_err(|e| format!("cannot run the C compiler `{cc}`: {e} (install gcc, or set CC)"))?;
    if !out.status.success() {
        return Err(format!(
            "the C program {} does not compile against {}: a mirrored name or \
             type expression does not exist in the headers (or install libxen-dev):\n{}",
            source.display(),
            include.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let run = Command::new(&binary)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    if !run.status.success() {
        return Err(format!("{} exited with {}", binary.display(), run.status));
    }
    parse(&String::from_utf8_lossy(&run.stdout))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("write {}: {e}", path.display()))
}

/// The C source: every header once, then one `printf` per number.
pub(crate) fn program(modules: &[View]) -> String {
    let mut c = String::from(
        "#define __XEN_TOOLS__ 1\n#include <stddef.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <sys/ioctl.h>\n",
    );
    let mut seen = Vec::new();
    for header in modules.iter().flat_map(|m| m.headers) {
        if !seen.contains(header) {
            seen.push(*header);
            let _ = writeln!(c, "#include <{header}>");
        }
    }
    c.push_str("\nint main(void)\n{\n");
    for (mi, m) in modules.iter().enumerate() {
        for (li, l) in m.layouts.iter().enumerate() {
            let t = l.c_type;
            let _ = writeln!(
                c,
                "    printf(\"L %d %d %zu %zu\\n\", {mi}, {li}, sizeof({t}), _Alignof({t}));"
            );
            if l.kind == Kind::Alias {
                continue;
            }
            for (fi, f) in l.fields.iter().enumerate() {
                // Explicit padding has no C name; the C size and the
                // offsets of the fields around it prove where it lies.
                if f.pad {
                    continue;
                }
                let name = c_field(f.name);
                // A zero-sized Rust field mirrors a flexible array member,
                // whose size C cannot take.
                let size = if f.size == 0 {
                    "(size_t)0".to_owned()
                } else {
                    format!("sizeof((({t} *)0)->{name})")
                };
                let _ = writeln!(
                    c,
                    "    printf(\"F %d %d %d %zu %zu\\n\", {mi}, {li}, {fi}, offsetof({t}, {name}), {size});"
                );
            }
        }
        for (ci, k) in m.consts.iter().enumerate() {
            let _ = writeln!(
                c,
                "    printf(\"C %d %d %llu\\n\", {mi}, {ci}, (unsigned long long)({}));",
                k.name
            );
        }
    }
    c.push_str("    return 0;\n}\n");
    c
}

/// The C spelling of a Rust field name (`r#type` is `type`).
pub(crate) fn c_field(rust: &str) -> &str {
    rust.strip_prefix("r#").unwrap_or(rust)
}

fn parse(output: &str) -> Result<CReport, String> {
    let mut report = CReport::default();
    for line in output.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let n = |i: usize| -> Result<u64, String> {
            words
                .get(i)
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| format!("malformed line from the C program: {line:?}"))
        };
        match words.first() {
            Some(&"L") => {
                report.layouts.insert(
                    (n(1)? as usize, n(2)? as usize),
                    (n(3)? as usize, n(4)? as usize),
                );
            }
            Some(&"F") => {
                report.fields.insert(
                    (n(1)? as usize, n(2)? as usize, n(3)? as usize),
                    (n(4)? as usize, n(5)? as usize),
                );
            }
            Some(&"C") => {
                report
                    .consts
                    .insert((n(1)? as usize, n(2)? as usize), n(3)?);
            }
            _ => return Err(format!("unexpected line from the C program: {line:?}")),
        }
    }
    Ok(report)
}
