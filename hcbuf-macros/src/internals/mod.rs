//! Parsing and checking, separate from code generation.

pub(crate) mod ast;
pub(crate) mod check;

use std::cell::RefCell;

/// Collects every error found while parsing and checking, so all of them
/// are reported at once, each at its own span. Its errors must be taken
/// with [`finish`](Ctxt::finish): dropping a context that was not finished
/// is a bug of the derive (errors would be lost and a wrong type
/// accepted), caught by a panic.
pub(crate) struct Ctxt {
    /// `None` once finished.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("an error recorded after `finish`")
            .push(error);
    }

    /// Records an error at `tokens`' span.
    pub(crate) fn error_spanned_by<T: quote::ToTokens, M: std::fmt::Display>(
        &self,
        tokens: T,
        message: M,
    ) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error produced by syn.
    pub(crate) fn syn_error(&self, error: syn::Error) {
        self.push(error);
    }

    /// All recorded errors combined into one, if any.
    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut errors = errors.into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for e in errors {
            first.combine(e);
        }
        Err(first)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if self.errors.get_mut().is_some() && !std::thread::panicking() {
            panic!("hcbuf derive: a `Ctxt` dropped without `finish`: its errors would be lost");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ctxt;

    #[test]
    fn every_error_is_reported_and_an_unfinished_context_is_caught() {
        let cx = Ctxt::new();
        cx.error_spanned_by(quote::quote!(a), "first");
        cx.error_spanned_by(quote::quote!(b), "second");
        let combined = cx.finish().unwrap_err();
        let messages: Vec<String> = combined.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);

        let dropped = std::panic::catch_unwind(|| drop(Ctxt::new()));
        assert!(dropped.is_err(), "a context dropped unfinished panics");
    }
}
