//! What the shell keeps while it runs: the store (or why it could not be opened) and where the
//! data lives.

use std::path::PathBuf;
use std::sync::Mutex;

use coffeechat_core::Store;

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    store: Result<Mutex<Store>, CommandError>,
    pub database_path: PathBuf,
}

impl AppState {
    pub fn open(database_path: PathBuf) -> Self {
        let store = Store::open(&database_path)
            .map(Mutex::new)
            .map_err(CommandError::from);
        Self {
            store,
            database_path,
        }
    }

    /// Why the store could not be opened, if it could not.
    pub fn open_error(&self) -> Option<&CommandError> {
        self.store.as_ref().err()
    }

    /// Runs one core call against the store.
    pub fn with<T>(
        &self,
        call: impl FnOnce(&mut Store) -> coffeechat_core::Result<T>,
    ) -> CommandResult<T> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier call cannot leave a transaction half done (SQLite rolls it
        // back), so a poisoned lock is safe to take over.
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        call(&mut store).map_err(CommandError::from)
    }
}
