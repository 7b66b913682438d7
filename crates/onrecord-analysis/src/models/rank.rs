//! The learning machinery shared by the learned models ([`crate::models::cue`],
//! [`crate::models::start`], [`crate::models::end`]): hashed features, a fixed shuffle, the sparse
//! weight table they are committed as, and the averaged ranking perceptron of the two
//! span-boundary models.
//!
//! Each decision offers candidates (where a content could start, or end); each candidate is a
//! list of hashed feature indices; the model scores a candidate as the sum of their weights
//! and picks the best. Training only moves weights when the best candidate is wrong, towards
//! the best right one, and averages the weights over every step so that the last examples
//! seen do not dominate.

/// Hash feature parts (FNV-1a with a separator after each part) into `bits` bits.
pub(crate) fn hash(bits: u32, parts: &[&[u8]]) -> u32 {
    parts.iter().fold(Fnv::START, |h, p| h.part(p)).index(bits)
}

/// The state of [`hash`] after some parts, to go on from: a feature's name is hashed once,
/// at compile time (see `feature!` in the cue model).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u32);

impl Fnv {
    pub(crate) const START: Fnv = Fnv(0x811c9dc5);

    /// The state after one more part.
    pub(crate) const fn part(self, p: &[u8]) -> Fnv {
        let mut h = self.0;
        let mut i = 0;
        while i < p.len() {
            h ^= p[i] as u32;
            h = h.wrapping_mul(0x01000193);
            i += 1;
        }
        h ^= 0xff;
        Fnv(h.wrapping_mul(0x01000193))
    }

    /// The feature index: the low `bits` bits.
    pub(crate) const fn index(self, bits: u32) -> u32 {
        self.0 & ((1u32 << bits) - 1)
    }
}

/// Independent training runs averaged into each model.
const BAGS: usize = 7;

/// Shuffle `order` in place with a xorshift generator: a fixed seed, a fixed order.
pub(crate) fn shuffle(order: &mut [usize], seed: &mut u64) {
    for k in (1..order.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        order.swap(k, (*seed % (k as u64 + 1)) as usize);
    }
}

/// A training decision from its candidates, the right one and a feature function; none
/// when the right one is not among the candidates.
pub(crate) fn decision(
    candidates: impl Iterator<Item = usize>,
    right: usize,
    mut features: impl FnMut(usize, &mut Vec<u32>),
) -> Option<Ranked> {
    let mut feats = Vec::new();
    let (mut all, mut ok) = (Vec::new(), Vec::new());
    for c in candidates {
        features(c, &mut feats);
        all.push(feats.clone());
        ok.push(c == right);
    }
    ok.iter().any(|&r| r).then_some((all, ok))
}

/// One training decision: the features of every candidate, and which candidates are right
/// (at least one).
pub(crate) type Ranked = (Vec<Vec<u32>>, Vec<bool>);

/// Weights of hashed features.
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    w: Vec<f32>,
}

impl Weights {
    /// Read a table written by [`Weights::to_tsv`] (a missing or blank table gives all zeros).
    pub(crate) fn parse(tsv: &str, size: usize) -> Weights {
        let mut w = vec![0.0; size];
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            if let (Some(Ok(i)), Some(Ok(v))) = (
                f.next().map(str::parse::<usize>),
                f.next().map(str::parse::<f32>),
            ) {
                if i < size {
                    w[i] = v;
                }
            }
        }
        Weights { w }
    }

    /// Sparse table: index and weight, rounded to 3 decimals, zeros left out.
    pub(crate) fn to_tsv(&self) -> String {
        let mut out = String::from("# feature\tweight (made by `onrecord learn-cues`)\n");
        for (i, &v) in self.w.iter().enumerate() {
            let r = (v * 1000.0).round() / 1000.0;
            if r != 0.0 {
                out.push_str(&format!("{i}\t{r}\n"));
            }
        }
        out
    }

    /// The raw weights (for an untrained model, all zeros).
    pub(crate) fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// [`Weights::score`] of a list whose first features summed to `sum`, given the rest:
    /// the same additions in the same order, so the same score to the bit.
    pub(crate) fn score_from(&self, sum: f32, rest: &[u32]) -> f32 {
        rest.iter().fold(sum, |s, &f| s + self.w[f as usize])
    }

    /// Train an averaged ranking perceptron: `epochs` passes over the decisions in a fixed
    /// pseudo-random order (the same data always gives the same weights). The mean of
    /// [`BAGS`] such runs, each with its own order, so that one example more or less does not
    /// swing the result through the order it shuffles.
    pub(crate) fn train(ranked: &[Ranked], size: usize, epochs: usize) -> Weights {
        Weights::mean_of_bags(size, |bag| {
            let seed = 0x2545f4914f6cdd1d ^ (bag as u64).wrapping_mul(0x9e3779b97f4a7c15);
            Self::train_one(ranked, size, epochs, seed)
        })
    }

    /// The mean of [`BAGS`] training runs, `run(bag)` giving the weights of one.
    pub(crate) fn mean_of_bags(size: usize, mut run: impl FnMut(usize) -> Vec<f32>) -> Weights {
        let mut sum = vec![0.0f32; size];
        for bag in 0..BAGS {
            for (s, v) in sum.iter_mut().zip(run(bag)) {
                *s += v / BAGS as f32;
            }
        }
        Weights { w: sum }
    }

    fn train_one(ranked: &[Ranked], size: usize, epochs: usize, seed: u64) -> Vec<f32> {
        let mut w = vec![0.0f32; size];
        let mut u = vec![0.0f32; size];
        let mut c = 1.0f32;
        let mut order: Vec<usize> = (0..ranked.len()).collect();
        let mut seed = seed;
        let score = |w: &[f32], f: &[u32]| -> f32 { f.iter().map(|&i| w[i as usize]).sum() };
        for _ in 0..epochs {
            shuffle(&mut order, &mut seed);
            for &x in &order {
                let (cands, right) = &ranked[x];
                let mut best = 0;
                let mut best_gold: Option<usize> = None;
                let mut scores = Vec::with_capacity(cands.len());
                for (i, f) in cands.iter().enumerate() {
                    let s = score(&w, f);
                    scores.push(s);
                    if s > scores[best] {
                        best = i;
                    }
                    if right[i] && best_gold.is_none_or(|g| s > scores[g]) {
                        best_gold = Some(i);
                    }
                }
                let g = best_gold.expect("a training decision has a right candidate");
                if !right[best] {
                    for &f in &cands[g] {
                        w[f as usize] += 1.0;
                        u[f as usize] += c;
                    }
                    for &f in &cands[best] {
                        w[f as usize] -= 1.0;
                        u[f as usize] -= c;
                    }
                }
                c += 1.0;
            }
        }
        w.iter().zip(&u).map(|(w, u)| w - u / c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_to_rank_the_right_candidate_and_round_trips() {
        // candidate features: 1 marks the right one, 2 and 3 are noise
        let ranked: Vec<Ranked> = (0..20)
            .map(|i| {
                let right_at = i % 3;
                let cands = (0..3)
                    .map(|c| {
                        if c == right_at {
                            vec![1, 2]
                        } else {
                            vec![2, 3]
                        }
                    })
                    .collect();
                let right = (0..3).map(|c| c == right_at).collect();
                (cands, right)
            })
            .collect();
        let w = Weights::train(&ranked, 8, 3);
        assert!(w.score(&[1, 2]) > w.score(&[2, 3]));
        let back = Weights::parse(&w.to_tsv(), 8);
        assert_eq!(back.to_tsv(), w.to_tsv());
        assert_eq!(Weights::parse("", 8).score(&[1, 2, 3]), 0.0);
    }
}
