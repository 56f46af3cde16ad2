//! Helpers for the unit tests that check a fast form against its plain reference.

/// Every distinct string made of at most `most` of `pieces` in a row (the empty one too),
/// sorted: the short mixes of ASCII, Unicode and whitespace such checks run over.
pub(crate) fn strings_of(pieces: &[&str], most: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    for _ in 0..most {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
        texts.sort();
        texts.dedup();
    }
    texts
}

/// A fixed pseudo-random sequence (xorshift) from `seed`: each call gives the next number.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// A fixed pseudo-random sequence (xorshift) from `seed`: each call gives a number below `n`.
pub(crate) fn pseudo_random(seed: u64) -> impl FnMut(usize) -> usize {
    let mut next = xorshift(seed);
    move |n: usize| (next() % n as u64) as usize
}
