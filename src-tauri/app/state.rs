//! What the shell keeps while it runs: the store (or why it could not be opened), where the data
//! lives, the scheduler's wake-up, how notifications are doing, and which reminder the window
//! should show when it opens.
//!
//! The store is opened off the main thread (by the scheduler, [`AppState::open_store`]): a file
//! held by another program makes SQLite wait up to its busy timeout, and the window must not
//! freeze meanwhile. A call that comes before the first attempt ended waits for it. The file's
//! integrity check, which reads all of it, runs after that on the scheduler's thread
//! ([`AppState::check_opened_file`]) while the window reads; writes wait for it.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use coffeechat_core::exchange::backup::{self, BackupInfo};
use coffeechat_core::integrity::IntegrityCheck;
use coffeechat_core::store::Reattached;
use coffeechat_core::{Store, SystemClock};
use serde::Serialize;

use crate::error::{CommandError, CommandResult};
use crate::notifications::NotificationHealth;
use crate::scheduler::{Latch, Wakeup};

enum Slot {
    /// Not tried yet.
    Opening,
    Open(Store),
    /// Why it could not be opened.
    Failed(coffeechat_core::Error),
}

/// Something wrong with the data file, as the window and the tray show it.
#[derive(Debug, Clone, Serialize)]
pub struct DataProblem {
    /// False: the file could not be opened at all. True: it is open, but nothing can be saved
    /// (read-only, or moved or deleted while the app runs).
    pub opened: bool,
    pub error: CommandError,
    /// Coffee Chat tries again by itself (a lock may go away, a file become writable).
    pub retrying: bool,
}

pub struct AppState {
    store: Mutex<Slot>,
    opened: Condvar,
    pub database_path: PathBuf,
    pub wakeup: Wakeup,
    pub notifications: NotificationHealth,
    /// A reminder the user clicked (in the tray or a notification) before the window was there
    /// to show it; the window asks for it when it starts.
    pub pending_reminder: Mutex<Option<i64>>,
    /// The check of the file [`AppState::open_store`] opened, until it has run.
    check: Mutex<Option<IntegrityCheck>>,
    /// Set when the window has drawn its first page: the start-up work that reads the whole
    /// data file waits for it.
    pub first_paint: Latch,
}

impl AppState {
    /// The state before the data file is opened (see [`AppState::open_store`]).
    pub fn new(database_path: PathBuf) -> Self {
        Self {
            store: Mutex::new(Slot::Opening),
            opened: Condvar::new(),
            database_path,
            wakeup: Wakeup::default(),
            notifications: NotificationHealth::default(),
            pending_reminder: Mutex::new(None),
            check: Mutex::new(None),
            first_paint: Latch::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slot> {
        // A panic in an earlier call cannot leave a transaction half done (SQLite rolls it
        // back), so a poisoned lock is safe to take over.
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The slot once the first attempt to open ended.
    fn slot(&self) -> MutexGuard<'_, Slot> {
        self.opened
            .wait_while(self.lock(), |slot| matches!(slot, Slot::Opening))
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the first attempt to open the data file ended (opened or refused) within `wait`:
    /// for the window's first view, which must not wait on a file another program holds (SQLite
    /// waits for it up to its busy timeout, holding the store).
    pub fn opened_within(&self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            let tried = match self.store.try_lock() {
                Ok(slot) => !matches!(*slot, Slot::Opening),
                Err(TryLockError::Poisoned(poisoned)) => {
                    !matches!(*poisoned.into_inner(), Slot::Opening)
                }
                Err(TryLockError::WouldBlock) => false,
            };
            if tried {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Opens the data file unless it is open, leaving its integrity check for
    /// [`AppState::check_opened_file`]. Returns whether it is open now.
    pub fn open_store(&self) -> bool {
        let mut slot = self.lock();
        if !matches!(*slot, Slot::Open(_)) {
            *slot = match Store::open_checking_later(&self.database_path) {
                Ok((store, check)) => {
                    *self.check.lock().unwrap_or_else(|p| p.into_inner()) = Some(check);
                    Slot::Open(store)
                }
                Err(error) => {
                    log::error!("cannot open the data file: {error} ({error:?})");
                    Slot::Failed(error)
                }
            };
            self.opened.notify_all();
        }
        matches!(*slot, Slot::Open(_))
    }

    /// Runs the integrity check of the file [`AppState::open_store`] opened, without holding
    /// the store (the window reads meanwhile), then finishes opening it; a damaged file is
    /// closed and its error shown in place of the app.
    pub fn check_opened_file(&self) {
        let Some(check) = self.check.lock().unwrap_or_else(|p| p.into_inner()).take() else {
            return;
        };
        let checked = check.run().and_then(|()| match &mut *self.lock() {
            Slot::Open(store) => store.finish_opening(),
            _ => Ok(()),
        });
        if let Err(error) = checked {
            log::error!("the data file failed its check: {error} ({error:?})");
            *self.lock() = Slot::Failed(error);
        }
    }

    /// Opens the data file again where that can now succeed: it could not be opened (for the
    /// scheduler's own retries, only when another program held it or it was read-only), or it
    /// is open read-only and has become writable. Returns whether it opened.
    pub fn retry(&self, asked_by_user: bool) -> bool {
        let mut slot = self.lock();
        let retry = match &*slot {
            Slot::Failed(error) => asked_by_user || error.retry_may_help(),
            Slot::Open(store) => store.writable_again(),
            Slot::Opening => false,
        };
        if !retry {
            return false;
        }
        match Store::open(&self.database_path) {
            Ok(store) => {
                log::info!("the data file opened");
                *slot = Slot::Open(store);
                self.opened.notify_all();
                true
            }
            Err(error) => {
                if matches!(&*slot, Slot::Failed(_)) {
                    *slot = Slot::Failed(error);
                }
                false
            }
        }
    }

    /// Puts the data file back after it was moved or deleted while the app ran (see
    /// [`Store::reattach`]).
    pub fn reattach(&self) -> CommandResult<Reattached> {
        let result = self.with(|store| store.reattach());
        self.data_changed();
        result
    }

    /// Puts a backup in place of the data file: through the open store (which closes the file
    /// and opens the restored one), or, when the file could not be opened at all (damaged, say),
    /// straight onto its path, and then opens it. Returns the backup of what was there before.
    pub fn restore_backup(&self, chosen: &Path) -> CommandResult<Option<BackupInfo>> {
        let mut slot = self.slot();
        let result = match &mut *slot {
            Slot::Open(store) => store.restore_backup(chosen),
            _ => {
                let restored = backup::restore(&self.database_path, chosen, &SystemClock);
                if restored.is_ok() {
                    *slot = match Store::open(&self.database_path) {
                        Ok(store) => Slot::Open(store),
                        Err(error) => Slot::Failed(error),
                    };
                }
                restored
            }
        };
        drop(slot);
        self.data_changed();
        result.map_err(CommandError::from)
    }

    /// What is wrong with the data file, if anything.
    pub fn data_problem(&self) -> Option<DataProblem> {
        let problem = |opened, error: &coffeechat_core::Error| DataProblem {
            opened,
            error: CommandError::describe(error),
            retrying: error.retry_may_help(),
        };
        match &*self.slot() {
            Slot::Open(store) => store.check_writable().err().map(|e| problem(true, &e)),
            Slot::Failed(error) => Some(problem(false, error)),
            Slot::Opening => unreachable!("slot() waits for the first attempt"),
        }
    }

    /// Runs one core call against the store.
    pub fn with<T>(
        &self,
        call: impl FnOnce(&mut Store) -> coffeechat_core::Result<T>,
    ) -> CommandResult<T> {
        match &mut *self.slot() {
            Slot::Open(store) => call(store).map_err(CommandError::from),
            Slot::Failed(error) => Err(CommandError::describe(error)),
            Slot::Opening => unreachable!("slot() waits for the first attempt"),
        }
    }

    /// Wakes the scheduler and tells the resident part (Linux) that the data changed.
    fn data_changed(&self) {
        self.wakeup.wake();
        crate::resident::data_changed();
    }

    /// Runs one core call that changes data, then wakes the scheduler: the change may have
    /// made a reminder due, moved one, or finished one, and the tray must follow.
    pub fn write<T>(
        &self,
        call: impl FnOnce(&mut Store) -> coffeechat_core::Result<T>,
    ) -> CommandResult<T> {
        let result = self.with(call);
        self.data_changed();
        result
    }
}
