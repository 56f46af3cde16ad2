//! A fast keyed hasher for the pipeline's maps of small keys.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// Hashes small keys (integers, atoms, addresses) with one folded multiply per word: SipHash
/// was a third of the duplicates stage and a tenth of the parse guard. The multiplier is random
/// per map, so input cannot be made to pile its keys into one bucket.
#[derive(Clone)]
pub(crate) struct Fold(u64);

impl Fold {
    pub(crate) fn new() -> Fold {
        Fold(RandomState::new().hash_one(0x5eed_u64) | 1)
    }
}

impl Default for Fold {
    fn default() -> Fold {
        Fold::new()
    }
}

impl BuildHasher for Fold {
    type Hasher = FoldHasher;
    fn build_hasher(&self) -> FoldHasher {
        FoldHasher {
            key: self.0,
            state: 0,
        }
    }
}

pub(crate) struct FoldHasher {
    key: u64,
    state: u64,
}

impl Hasher for FoldHasher {
    /// Eight bytes per multiply (strings: class names, block texts); a short last word is
    /// padded with zeros, which only the end marker `str` hashes after its bytes tells apart.
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.write_u64(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, x: u8) {
        self.write_u64(x as u64);
    }

    fn write_u64(&mut self, x: u64) {
        let full = ((self.state ^ x) as u128) * (self.key as u128);
        self.state = (full as u64) ^ ((full >> 64) as u64);
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn finish(&self) -> u64 {
        self.state
    }
}
