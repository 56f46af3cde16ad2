//! The rules' vocabulary as data, grouped by what it means: class/id concepts, and the text
//! patterns of each spam category in each language. Adding a language is adding data here;
//! [`patterns::Vocabulary`] compiles all of it once.

/// What may follow a glued pattern's `spam` group: a space, the end, or the first character
/// of the text glued after it (a capital, a digit, a quote, a bracket).
macro_rules! BOUNDARY {
    () => {
        r#"(?:\s|$|[\p{Lu}\p{N}"“‘'<\[(])"#
    };
}

pub(crate) mod chrome;
pub(crate) mod classes;
pub(crate) mod copyright;
pub(crate) mod disclaimer;
pub(crate) mod gate;
pub(crate) mod patterns;
pub(crate) mod promo;
pub(crate) mod syndication;
pub(crate) mod tester;
