//! Organisations and target fields: named lists the user grows by typing a name on a person or
//! an interview. A name is found in any case, or created.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::store::{collect, Store};

#[derive(Debug, Clone, Copy)]
pub enum Lookup {
    Organisations,
    TargetFields,
}

impl Lookup {
    fn table(self) -> &'static str {
        match self {
            Lookup::Organisations => "organisations",
            Lookup::TargetFields => "target_fields",
        }
    }

    /// The id of the entry called `name` (any case), created if new; `None` for no name.
    pub(crate) fn find_or_create(
        self,
        conn: &Connection,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        if name.is_empty() {
            return Ok(None);
        }
        let table = self.table();
        let existing = conn
            .query_row(
                &format!("SELECT id FROM {table} WHERE name = ?1"),
                [name],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(Some(id));
        }
        conn.execute(
            &format!("INSERT INTO {table} (name, created_at) VALUES (?1, ?2)"),
            (name, now),
        )?;
        Ok(Some(conn.last_insert_rowid()))
    }
}

impl Store {
    /// Every name in `lookup`, for suggestions as the user types.
    pub fn names(&self, lookup: Lookup) -> Result<Vec<String>> {
        self.read(|conn, _| {
            let sql = format!(
                "SELECT name FROM {} ORDER BY name COLLATE NOCASE",
                lookup.table()
            );
            collect(conn, &sql, [], |row| row.get(0))
        })
    }
}
