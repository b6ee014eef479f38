//! What the shell keeps while it runs: the store (or why it could not be opened), where the data
//! lives, the scheduler's wake-up, how notifications are doing, and which reminder the window
//! should show when it opens.

use std::path::PathBuf;
use std::sync::Mutex;

use coffeechat_core::Store;

use crate::error::{CommandError, CommandResult};
use crate::notifications::NotificationHealth;
use crate::scheduler::Wakeup;

pub struct AppState {
    store: Result<Mutex<Store>, CommandError>,
    pub database_path: PathBuf,
    pub wakeup: Wakeup,
    pub notifications: NotificationHealth,
    /// A reminder the user clicked (in the tray or a notification) before the window was there
    /// to show it; the window asks for it when it starts.
    pub pending_reminder: Mutex<Option<i64>>,
}

impl AppState {
    pub fn open(database_path: PathBuf) -> Self {
        let store = Store::open(&database_path)
            .map(Mutex::new)
            .map_err(CommandError::from);
        Self {
            store,
            database_path,
            wakeup: Wakeup::default(),
            notifications: NotificationHealth::default(),
            pending_reminder: Mutex::new(None),
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

    /// Runs one core call that changes data, then wakes the scheduler: the change may have
    /// made a reminder due, moved one, or finished one, and the tray must follow.
    pub fn write<T>(
        &self,
        call: impl FnOnce(&mut Store) -> coffeechat_core::Result<T>,
    ) -> CommandResult<T> {
        let result = self.with(call);
        self.wakeup.wake();
        result
    }
}
