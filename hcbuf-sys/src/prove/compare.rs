//! Compare Rust's numbers with the C compiler's, and prove the comparison
//! catches a wrong offset.

use crate::abi::Kind;

use super::View;
use super::cgen::CReport;

/// One message per difference, each naming the item (and field).
pub(crate) fn compare(modules: &[View], c: &CReport) -> Vec<String> {
    let mut out = Vec::new();
    for (mi, m) in modules.iter().enumerate() {
        for (li, l) in m.layouts.iter().enumerate() {
            let item = format!("{}::{}", m.path, l.name);
            match c.layouts.get(&(mi, li)) {
                None => out.push(format!("{item}: missing from the C report")),
                Some(&(size, align)) => {
                    if size != l.size {
                        out.push(format!(
                            "{item}: size is {} in Rust, {size} in C ({})",
                            l.size, l.c_type
                        ));
                    }
                    if align != l.align {
                        out.push(format!(
                            "{item}: alignment is {} in Rust, {align} in C",
                            l.align
                        ));
                    }
                }
            }
            for (fi, f) in l.fields.iter().enumerate().filter(|(_, f)| !f.pad) {
                let field = format!("{item}.{}", f.name);
                match c.fields.get(&(mi, li, fi)) {
                    None => out.push(format!("{field}: missing from the C report")),
                    Some(&(offset, size)) => {
                        if offset != f.offset {
                            out.push(format!(
                                "{field}: offset is {} in Rust, {offset} in C",
                                f.offset
                            ));
                        }
                        if size != f.size {
                            out.push(format!("{field}: size is {} in Rust, {size} in C", f.size));
                        }
                    }
                }
            }
        }
        for (ci, k) in m.consts.iter().enumerate() {
            match c.consts.get(&(mi, ci)) {
                None => out.push(format!("{}::{}: missing from the C report", m.path, k.name)),
                Some(&v) if v != k.value => out.push(format!(
                    "{}::{}: value is {:#x} in Rust, {v:#x} in C",
                    m.path, k.name, k.value
                )),
                Some(_) => {}
            }
        }
    }
    out
}

/// Feeds the comparison a C report with one field offset, one size and one
/// constant changed, and requires each change to be reported by name. A
/// comparison that could not fail would be caught here.
pub(crate) fn self_check(modules: &[View], c: &CReport) -> Result<String, String> {
    let (mi, li, fi) = modules
        .iter()
        .enumerate()
        .flat_map(|(mi, m)| m.layouts.iter().enumerate().map(move |(li, l)| (mi, li, l)))
        .filter(|(_, _, l)| l.kind == Kind::Struct && l.fields.len() > 1)
        .filter_map(|(mi, li, l)| l.fields.iter().rposition(|f| !f.pad).map(|fi| (mi, li, fi)))
        .next_back()
        .ok_or("no struct with two fields to perturb")?;
    let m = &modules[mi];
    let l = &m.layouts[li];
    let f = &l.fields[fi];

    let mut wrong = c.clone();
    wrong
        .fields
        .get_mut(&(mi, li, fi))
        .ok_or("field missing")?
        .0 += 4;
    wrong.layouts.get_mut(&(mi, li)).ok_or("layout missing")?.0 += 8;
    let mut want = vec![
        format!("{}::{}.{}: offset is", m.path, l.name, f.name),
        format!("{}::{}: size is", m.path, l.name),
    ];
    // A constant too, where the modules declare one.
    if let Some(cmi) = modules.iter().position(|m| !m.consts.is_empty()) {
        *wrong.consts.get_mut(&(cmi, 0)).ok_or("constant missing")? ^= 1;
        want.push(format!(
            "{}::{}: value is",
            modules[cmi].path, modules[cmi].consts[0].name
        ));
    }

    let found = compare(modules, &wrong);
    for w in &want {
        if !found.iter().any(|msg| msg.starts_with(w.as_str())) {
            return Err(format!(
                "the comparison missed a planted difference ({w}…); it reported: {found:?}"
            ));
        }
    }
    if found.len() != want.len() {
        return Err(format!(
            "the comparison reported more than the planted differences: {found:?}"
        ));
    }
    Ok(format!(
        "planted differences were caught: {}",
        found.join("; ")
    ))
}

/// Totals for the closing line.
pub(crate) struct Counts {
    pub structs: usize,
    pub unions: usize,
    pub aliases: usize,
    pub fields: usize,
    pub consts: usize,
}

impl Counts {
    pub fn of(modules: &[View]) -> Self {
        let layouts = || modules.iter().flat_map(|m| m.layouts.iter());
        let kind = |k| layouts().filter(|l| l.kind == k).count();
        Counts {
            structs: kind(Kind::Struct),
            unions: kind(Kind::Union),
            aliases: kind(Kind::Alias),
            fields: layouts()
                .map(|l| l.fields.iter().filter(|f| !f.pad).count())
                .sum(),
            consts: modules.iter().map(|m| m.consts.len()).sum(),
        }
    }
}
