//! Summaries of repeated runs.

/// The median and the spread of repeated measurements: half the range, relative to the median.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub spread: f64,
}

pub fn summarize(values: &[f64]) -> Summary {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = percentile(&sorted, 0.5);
    let range = sorted.last().unwrap_or(&0.0) - sorted.first().unwrap_or(&0.0);
    Summary { median, spread: if median == 0.0 { 0.0 } else { range / 2.0 / median } }
}

/// The value below which a fraction `p` of the sorted values lie (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}
