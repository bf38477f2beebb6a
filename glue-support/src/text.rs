//! Plain-text helpers shared by the glue and the host: did-you-mean, ranges, config values.

use std::fmt::Display;

/// "; did you mean 'x'?" for the nearest of `names` within a few edits, else "".
pub fn did_you_mean(name: &str, names: &[&str]) -> String {
    let nearest = names
        .iter()
        .map(|n| (strsim::levenshtein(name, n), n))
        .filter(|(distance, n)| *distance <= 2.max(n.len() / 3))
        .min_by_key(|(distance, _)| *distance);
    nearest.map(|(_, n)| format!("; did you mean '{n}'?")).unwrap_or_default()
}

/// `value` if it lies within `min..=max` (either may be absent); NaN lies within nothing.
pub fn in_range<T: PartialOrd + Display>(value: T, min: Option<T>, max: Option<T>) -> Result<T, String> {
    let low = min.as_ref().is_none_or(|min| value >= *min);
    let high = max.as_ref().is_none_or(|max| value <= *max);
    match (min, max) {
        _ if low && high => Ok(value),
        (Some(min), Some(max)) => Err(format!("must be from {min} to {max}, got {value}")),
        (Some(min), None) => Err(format!("must be at least {min}, got {value}")),
        (None, Some(max)) => Err(format!("must be at most {max}, got {value}")),
        (None, None) => Ok(value),
    }
}

pub fn parse_integer(text: &str) -> Result<i64, String> {
    text.trim().parse().map_err(|_| format!("'{text}' is not an integer"))
}

pub fn parse_number(text: &str) -> Result<f64, String> {
    text.trim().parse().map_err(|_| format!("'{text}' is not a number"))
}

pub fn parse_boolean(text: &str) -> Result<bool, String> {
    match text.trim() {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(format!("'{text}' is not 0, 1, true or false")),
    }
}

pub fn parse_string(text: &str) -> Result<String, String> {
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_names_the_nearest_name_within_a_few_edits() {
        assert_eq!(did_you_mean("timout", &["timeout", "protocol"]), "; did you mean 'timeout'?");
        assert_eq!(did_you_mean("headres", &["timeout", "headers"]), "; did you mean 'headers'?");
        assert_eq!(did_you_mean("zzzzzz", &["timeout", "headers"]), "");
    }

    #[test]
    fn ranges_say_which_bound_was_crossed() {
        assert_eq!(in_range(5, Some(1), Some(10)), Ok(5));
        assert_eq!(in_range(0, Some(1), Some(10)), Err("must be from 1 to 10, got 0".into()));
        assert_eq!(in_range(0, Some(1), None), Err("must be at least 1, got 0".into()));
        assert_eq!(in_range(11, None, Some(10)), Err("must be at most 10, got 11".into()));
        assert!(in_range(f64::NAN, Some(0.0), None).is_err(), "NaN lies within nothing");
    }

    #[test]
    fn config_values_parse_as_game_project_writes_them() {
        assert_eq!(parse_integer(" 42 "), Ok(42));
        assert!(parse_integer("4.2").is_err());
        assert_eq!(parse_number("0.5"), Ok(0.5));
        assert_eq!(parse_boolean("1"), Ok(true));
        assert_eq!(parse_boolean("false"), Ok(false));
        assert_eq!(parse_boolean("yes"), Err("'yes' is not 0, 1, true or false".into()));
    }
}
