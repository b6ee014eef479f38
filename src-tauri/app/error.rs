//! The error every command returns, serialized as `{code, message, field, errors}` so the UI
//! branches on `code` and shows `message` (next to `field`, when there is one); `errors` lists
//! every field's problem when a form had several, each shown next to its field.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    pub field: Option<&'static str>,
    pub errors: Vec<coffeechat_core::error::FieldError>,
}

impl From<coffeechat_core::Error> for CommandError {
    fn from(error: coffeechat_core::Error) -> Self {
        let mut chain = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            chain.push_str(": ");
            chain.push_str(&cause.to_string());
            source = cause.source();
        }
        match error {
            coffeechat_core::Error::Invalid { .. }
            | coffeechat_core::Error::InvalidFields(_)
            | coffeechat_core::Error::NotFound { .. } => {
                log::info!("refused: {chain}")
            }
            _ => log::error!("{chain}"),
        }
        Self::describe(&error)
    }
}

impl CommandError {
    /// The error as the window gets it, without logging it (for a state asked about again and
    /// again, such as a data file that cannot be opened).
    pub fn describe(error: &coffeechat_core::Error) -> Self {
        Self {
            code: error.code(),
            message: error.to_string(),
            field: error.field(),
            errors: error.field_errors(),
        }
    }

    pub fn other(code: &'static str, message: impl Into<String>) -> Self {
        let message = message.into();
        log::error!("{code}: {message}");
        Self {
            code,
            message,
            field: None,
            errors: Vec::new(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_ui_as_code_message_and_field() {
        let mut store = coffeechat_core::Store::open_in_memory().unwrap();
        let refused = store
            .add_person(&coffeechat_core::people::PersonInput::default())
            .unwrap_err();
        let json = serde_json::to_value(CommandError::from(refused)).unwrap();
        assert_eq!(json["code"], "invalid");
        assert_eq!(json["field"], "name");
        assert_eq!(json["message"], "The name is required.");
        assert_eq!(json["errors"][0]["field"], "name");

        let several = store
            .add_person(&coffeechat_core::people::PersonInput {
                email: "dana at example".into(),
                ..Default::default()
            })
            .unwrap_err();
        let json = serde_json::to_value(CommandError::from(several)).unwrap();
        assert_eq!(json["code"], "invalid");
        assert_eq!(json["field"], "name");
        assert_eq!(json["errors"][1]["field"], "email");

        let missing = store.person(42).unwrap_err();
        let json = serde_json::to_value(CommandError::from(missing)).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json["field"].is_null());
        assert!(json["message"]
            .as_str()
            .unwrap()
            .contains("no longer exists"));
    }
}
