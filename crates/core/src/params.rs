//! Named numeric parameters (`--param name=value`) of the summarizers and the clusterer, and
//! the one error type for a parameter that is unknown or out of range.

/// A parameter that cannot be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParamError {
    /// The method or component has no parameter of this name.
    #[error("{owner} has no parameter {name:?}; it has: {known}")]
    Unknown {
        /// What was asked: a method name, or "clustering".
        owner: &'static str,
        /// The name given.
        name: String,
        /// The names it has, comma-separated.
        known: String,
    },
    /// The value is outside the parameter's range.
    #[error("parameter {name} must be {expected}, not {value}")]
    OutOfRange {
        /// The parameter.
        name: String,
        /// The range in words ("a finite number >= 0").
        expected: &'static str,
        /// The value given.
        value: f64,
    },
}

impl ParamError {
    /// An unknown parameter of `owner`, which has the parameters `known`.
    pub fn unknown(owner: &'static str, name: &str, known: &[&str]) -> Self {
        let known = if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        };
        ParamError::Unknown {
            owner,
            name: name.to_string(),
            known,
        }
    }

    /// A value outside the range `expected`.
    pub fn out_of_range(name: &str, expected: &'static str, value: f64) -> Self {
        ParamError::OutOfRange {
            name: name.to_string(),
            expected,
            value,
        }
    }
}

/// Check a parameter value: finite and not negative (every summarizer parameter is a weight, a
/// threshold or a count).
pub fn check_param(name: &str, value: f64) -> Result<f64, ParamError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(ParamError::out_of_range(
            name,
            "a finite number >= 0",
            value,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_parameter_and_the_choices() {
        assert_eq!(
            check_param("lead", f64::NAN).unwrap_err().to_string(),
            "parameter lead must be a finite number >= 0, not NaN"
        );
        assert_eq!(check_param("lead", 0.5), Ok(0.5));
        assert_eq!(
            ParamError::unknown("lead", "x", &["a", "b"]).to_string(),
            "lead has no parameter \"x\"; it has: a, b"
        );
    }
}
