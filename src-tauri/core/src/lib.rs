//! Coffee Chat's core: the domain, the SQLite store and its migrations.
//!
//! Architecture invariant: this crate never names Tauri. Everything a user can do is a method on
//! [`Store`], testable against a real SQLite file without a window.

pub mod after;
pub mod clock;
pub mod contacts;
mod data_file;
pub mod dataset;
pub mod drafts;
pub mod error;
pub mod exchange;
pub mod find;
pub mod integrity;
pub mod interviews;
pub mod lamp;
pub mod live;
pub mod lookups;
pub mod network;
pub mod people;
pub mod prep;
pub mod progress;
pub mod questions;
pub mod reminder_notice;
pub mod reminder_rules;
mod reminder_sync;
pub mod reminders;
pub mod request_checker;
pub mod search;
pub mod settings;
pub mod stage;
pub mod store;
pub mod target_fields;
pub mod templates;
pub mod tips;
pub mod today;
pub mod trash;
pub mod tray_menu;
mod validate;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, Result};
pub use stage::Stage;
pub use store::Store;
