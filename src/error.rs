//! The crate's error type: opaque, with a `#[non_exhaustive]` kind.

use std::fmt;

/// An error from building an [`Extractor`](crate::Extractor) or from extracting a document.
///
/// "Nothing found" is not an error: it is an empty story whose removals say why. Errors are
/// for limits and unusable input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is larger than [`Limits::max_input_bytes`](crate::Limits::max_input_bytes).
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The document has more nodes than [`Limits::max_nodes`](crate::Limits::max_nodes).
    TooManyNodes {
        /// The configured limit.
        limit: usize,
    },
    /// The input is not text: it looks like a binary file (NUL bytes, control characters).
    Binary,
    /// A user-supplied pattern did not compile.
    InvalidPattern {
        /// The pattern as given.
        pattern: String,
        /// The regex compiler's message.
        message: String,
    },
    /// A block classifier model given to [`BlockModel::parse`](crate::BlockModel::parse) is
    /// not in the model format.
    InvalidModel {
        /// What is wrong, with the tree and node where it is.
        message: String,
    },
    /// An option has a value that makes no sense (for example a threshold outside 0..=1).
    InvalidOption {
        /// What is wrong.
        message: String,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InputTooLarge { size, limit } => {
                write!(
                    f,
                    "input of {size} bytes exceeds the limit of {limit} bytes"
                )
            }
            ErrorKind::TooManyNodes { limit } => {
                write!(f, "document has more than {limit} nodes")
            }
            ErrorKind::Binary => write!(f, "input looks like a binary file, not HTML or text"),
            ErrorKind::InvalidPattern { pattern, message } => {
                write!(f, "pattern {pattern:?} does not compile: {message}")
            }
            ErrorKind::InvalidOption { message } => write!(f, "invalid option: {message}"),
            ErrorKind::InvalidModel { message } => write!(f, "invalid block model: {message}"),
        }
    }
}

impl std::error::Error for Error {}
