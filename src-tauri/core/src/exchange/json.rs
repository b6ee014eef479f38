//! The full JSON backup: every row of every table of the data file, trash included, so that
//! restoring it into an empty data file gives back exactly what was exported.
//!
//! Both directions read the tables and columns from SQLite itself (`pragma_table_list`,
//! `pragma_table_info`) instead of naming them, so a table or column added by a later migration
//! is exported and restored without touching this file. The search index is not exported: it is
//! rebuilt from the people after a restore.

use std::collections::BTreeMap;

use chrono::SecondsFormat;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, ErrorCode};
use serde::Serialize;
use serde_json::{json, Map, Number, Value};

use crate::error::{Error, Result};
use crate::search;
use crate::store::{self, collect, Store};

/// What the `format` field of a Coffee Chat backup says.
pub const FORMAT: &str = "coffeechat-export";

/// The version of this file format (not of the schema, which `schema_version` gives).
pub const VERSION: i64 = 1;

/// What a restore brought back, for the message the user sees afterwards.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    pub people: usize,
    pub interviews: usize,
    /// People and interviews that came back in the trash, as they were exported.
    pub in_trash: usize,
    /// Questions in the bank, the built-in ones included.
    pub questions: usize,
    pub reminders: usize,
    /// The rows restored into each table.
    pub rows: BTreeMap<String, usize>,
}

/// One row of one table, as the JSON file holds it.
type Row = Map<String, Value>;

impl Store {
    /// The whole data file as JSON: `{"format", "version", "schema_version", "exported_at",
    /// "tables": {"<table>": [{"<column>": value, …}, …]}}`, rows in primary-key order.
    pub fn export_json(&self) -> Result<String> {
        self.read(|conn, clock| {
            let mut tables = Map::new();
            for table in schema(conn)? {
                let rows = export_rows(conn, &table)?;
                tables.insert(table.name, Value::Array(rows));
            }
            let export = json!({
                "format": FORMAT,
                "version": VERSION,
                "schema_version": store::schema_version(),
                "exported_at": clock.now().to_rfc3339_opts(SecondsFormat::Secs, true),
                "tables": tables,
            });
            // Pretty-printed, so that a user who opens the backup can read it.
            Ok(format!("{export:#}"))
        })
    }

    /// Restores a backup made by [`Store::export_json`] into this data file, which must hold no
    /// people or interviews (not even in the trash). Everything lands in one transaction, with
    /// the ids of the file; the rows the data file came with (the built-in questions) are
    /// replaced by the file's. A file that cannot be used is refused with [`Error::BadFile`] and
    /// nothing is written.
    pub fn import_json(&mut self, json: &str) -> Result<RestoreSummary> {
        let backup = Backup::parse(json)?;
        let schema = self.read(|conn, _| schema(conn))?;
        let plan = backup.plan(&schema)?;
        self.write(|tx, _| {
            ensure_empty(tx)?;
            // The rows may come in any order: references are checked once all are in.
            tx.pragma_update(None, "defer_foreign_keys", "ON")?;
            for table in &plan {
                tx.execute(&format!("DELETE FROM {}", quote(&table.name)), [])?;
            }
            for table in &plan {
                insert_rows(tx, table)?;
            }
            check_references(tx)?;
            rebuild_search(tx)?;
            summary(tx, &plan)
        })
    }
}

// --- The schema, as SQLite describes it -----------------------------------------------------

/// A table of the data file.
struct Table {
    name: String,
    columns: Vec<Column>,
    /// A `WITHOUT ROWID` table is ordered by its primary key instead of its rowid.
    without_rowid: bool,
}

struct Column {
    name: String,
    affinity: Affinity,
    not_null: bool,
    has_default: bool,
    /// The position in the primary key (1-based), 0 when not part of it.
    primary_key: i64,
}

/// What SQLite stores in a column, from its declared type (the rules of "Determination of
/// Column Affinity" in SQLite's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Affinity {
    Integer,
    Text,
    Real,
    Numeric,
    /// No declared type: any value is kept as it is.
    Blob,
}

impl Affinity {
    fn of(declared: &str) -> Affinity {
        let declared = declared.to_ascii_uppercase();
        if declared.contains("INT") {
            Affinity::Integer
        } else if ["CHAR", "CLOB", "TEXT"]
            .iter()
            .any(|t| declared.contains(t))
        {
            Affinity::Text
        } else if declared.contains("BLOB") || declared.is_empty() {
            Affinity::Blob
        } else if ["REAL", "FLOA", "DOUB"]
            .iter()
            .any(|t| declared.contains(t))
        {
            Affinity::Real
        } else {
            Affinity::Numeric
        }
    }

    /// What a value of this column is, in the words of the message about a wrong one.
    fn described(self) -> &'static str {
        match self {
            Affinity::Integer => "a whole number",
            Affinity::Text => "text",
            Affinity::Real | Affinity::Numeric => "a number",
            Affinity::Blob => "a number or text",
        }
    }
}

impl Table {
    /// The order rows are exported in, so that two exports of the same data are equal.
    fn order_by(&self) -> String {
        if !self.without_rowid {
            return "rowid".to_owned();
        }
        let mut keys: Vec<&Column> = self.columns.iter().filter(|c| c.primary_key > 0).collect();
        keys.sort_by_key(|c| c.primary_key);
        keys.iter()
            .map(|c| quote(&c.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The tables that hold the user's data, by name: not SQLite's own, and neither the full-text
/// index (a virtual table) nor the shadow tables that store it.
fn schema(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<(String, bool)> = collect(
        conn,
        "SELECT name, wr FROM pragma_table_list
         WHERE schema = 'main' AND type = 'table' AND substr(name, 1, 7) <> 'sqlite_'
         ORDER BY name",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    names
        .into_iter()
        .map(|(name, without_rowid)| {
            Ok(Table {
                columns: columns(conn, &name)?,
                name,
                without_rowid,
            })
        })
        .collect()
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    collect(
        conn,
        "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk
         FROM pragma_table_info(?1) ORDER BY cid",
        [table],
        |row| {
            Ok(Column {
                name: row.get(0)?,
                affinity: Affinity::of(&row.get::<_, String>(1)?),
                not_null: row.get(2)?,
                has_default: row.get(3)?,
                primary_key: row.get(4)?,
            })
        },
    )
}

/// An identifier quoted for SQL. The names come from the schema, never from the file.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

// --- Export -----------------------------------------------------------------------------------

fn export_rows(conn: &Connection, table: &Table) -> Result<Vec<Value>> {
    let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        quote(&table.name),
        table.order_by()
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    let mut exported = Vec::new();
    while let Some(row) = rows.next()? {
        let mut object = Row::new();
        for (index, column) in table.columns.iter().enumerate() {
            let value = to_json(row.get_ref(index)?)
                .ok_or_else(|| unexportable(&table.name, &column.name))?;
            object.insert(column.name.clone(), value);
        }
        exported.push(Value::Object(object));
    }
    Ok(exported)
}

/// A stored value as JSON; `None` for what JSON cannot hold exactly (bytes, text that is not
/// UTF-8, an infinite number).
fn to_json(value: ValueRef<'_>) -> Option<Value> {
    match value {
        ValueRef::Null => Some(Value::Null),
        ValueRef::Integer(n) => Some(Value::from(n)),
        ValueRef::Real(x) => Number::from_f64(x).map(Value::Number),
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().map(Value::from),
        ValueRef::Blob(_) => None,
    }
}

fn unexportable(table: &str, column: &str) -> Error {
    Error::invalid(
        "export",
        format!(
            "The data file holds a value in {table}.{column} that JSON cannot hold exactly \
             (binary data, text that is not UTF-8, or an infinite number). Use Back up now \
             under Backups on the Your data page to keep a copy instead."
        ),
    )
}

// --- Reading a backup -------------------------------------------------------------------------

/// A backup file after its header was checked.
struct Backup {
    schema_version: i64,
    tables: Map<String, Value>,
}

/// Rows ready to insert into one table: the column names and values of each row, checked
/// against this data file's schema.
struct TableRows {
    name: String,
    rows: Vec<Vec<(String, SqlValue)>>,
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadFile(message.into())
}

const NOT_A_BACKUP: &str = "This file is not a Coffee Chat export. Choose a file saved with \
     Everything (.json) on the Your data page.";

impl Backup {
    /// Checks that `json` is a backup this version can read: the right format, and neither a
    /// newer format nor a newer schema.
    fn parse(json: &str) -> Result<Backup> {
        let value: Value = serde_json::from_str(json).map_err(|error| {
            bad(format!(
                "This file is not a Coffee Chat export: it is not valid JSON ({error}). \
                 Choose a file saved with Everything (.json) on the Your data page."
            ))
        })?;
        let Value::Object(mut top) = value else {
            return Err(bad(NOT_A_BACKUP));
        };
        if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(bad(NOT_A_BACKUP));
        }
        let version = header_number(&top, "version")?;
        if version > VERSION {
            return Err(newer("export format", version, VERSION));
        }
        let schema_version = header_number(&top, "schema_version")?;
        if schema_version > store::schema_version() {
            return Err(newer(
                "data format",
                schema_version,
                store::schema_version(),
            ));
        }
        let Some(Value::Object(tables)) = top.remove("tables") else {
            return Err(damaged("it has no tables"));
        };
        Ok(Backup {
            schema_version,
            tables,
        })
    }

    /// Matches the file's tables and columns with this data file's, and checks and converts
    /// every value, so that nothing is written unless all of it can be.
    fn plan(&self, schema: &[Table]) -> Result<Vec<TableRows>> {
        // A file of this very schema was written from the same tables: anything else in it was
        // added by hand. An older file may hold tables or columns a later version dropped.
        let same_schema = self.schema_version == store::schema_version();
        if same_schema {
            if let Some(unknown) = self
                .tables
                .keys()
                .find(|name| !schema.iter().any(|t| &t.name == *name))
            {
                return Err(damaged(format!(
                    "it has a table \"{unknown}\" Coffee Chat does not know"
                )));
            }
        }
        let mut plan = Vec::new();
        let mut missing = Vec::new();
        for table in schema {
            match self.tables.get(&table.name) {
                Some(rows) => plan.push(plan_table(table, rows, same_schema)?),
                None => missing.push(table.name.as_str()),
            }
        }
        // An older file lacks the tables added since: they keep what the data file has.
        match missing.first() {
            Some(name) if same_schema => Err(damaged(format!("the table \"{name}\" is missing"))),
            _ => Ok(plan),
        }
    }
}

fn header_number(top: &Row, key: &str) -> Result<i64> {
    match top.get(key).and_then(Value::as_i64) {
        Some(n) if n >= 1 => Ok(n),
        _ => Err(damaged(format!(
            "its \"{key}\" is missing or not a version number"
        ))),
    }
}

fn newer(what: &str, found: i64, supported: i64) -> Error {
    bad(format!(
        "This export was made by a newer version of Coffee Chat ({what} {found}; this version \
         reads up to {supported}). Install the newer version to restore it. Nothing was changed."
    ))
}

fn damaged(what: impl std::fmt::Display) -> Error {
    bad(format!(
        "This Coffee Chat export is damaged: {what}. Nothing was restored. Try another export."
    ))
}

fn plan_table(table: &Table, rows: &Value, same_schema: bool) -> Result<TableRows> {
    let Value::Array(rows) = rows else {
        return Err(damaged(format!(
            "the table \"{}\" is not a list of rows",
            table.name
        )));
    };
    let rows = rows
        .iter()
        .enumerate()
        .map(|(index, row)| plan_row(table, index + 1, row, same_schema))
        .collect::<Result<_>>()?;
    Ok(TableRows {
        name: table.name.clone(),
        rows,
    })
}

/// Checks row `number` (1-based) of `table` and turns it into values to insert.
fn plan_row(
    table: &Table,
    number: usize,
    row: &Value,
    same_schema: bool,
) -> Result<Vec<(String, SqlValue)>> {
    let place = format!("row {number} of \"{}\"", table.name);
    let Value::Object(row) = row else {
        return Err(damaged(format!("{place} is not a set of columns")));
    };
    let mut values = Vec::with_capacity(row.len());
    for (name, value) in row {
        let Some(column) = table.column(name) else {
            if same_schema {
                return Err(damaged(format!(
                    "{place} has a column \"{name}\" Coffee Chat does not know"
                )));
            }
            continue;
        };
        let converted = to_sql(value, column).ok_or_else(|| {
            damaged(format!(
                "in {place}, \"{name}\" should be {} but is {}",
                expected(column),
                describe(value)
            ))
        })?;
        values.push((column.name.clone(), converted));
    }
    // A column the file lacks takes its default; one without a default must be in the file.
    if let Some(missing) = table
        .columns
        .iter()
        .find(|c| c.not_null && !c.has_default && !row.contains_key(&c.name))
    {
        return Err(damaged(format!("{place} has no \"{}\"", missing.name)));
    }
    Ok(values)
}

/// A JSON value as the column stores it; `None` when it does not belong in that column.
fn to_sql(value: &Value, column: &Column) -> Option<SqlValue> {
    match (value, column.affinity) {
        (Value::Null, _) => (!column.not_null).then_some(SqlValue::Null),
        (Value::Number(n), Affinity::Integer) => n.as_i64().map(SqlValue::Integer),
        (Value::Number(n), Affinity::Real | Affinity::Numeric | Affinity::Blob) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real)),
        (Value::String(s), Affinity::Text | Affinity::Numeric | Affinity::Blob) => {
            Some(SqlValue::Text(s.clone()))
        }
        _ => None,
    }
}

fn expected(column: &Column) -> String {
    if column.not_null {
        column.affinity.described().to_owned()
    } else {
        format!("{} or null", column.affinity.described())
    }
}

/// A value in the words of an error message, cut short if long.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a set of columns".to_owned(),
    }
}

// --- Writing a restore ------------------------------------------------------------------------

/// Refuses to restore over the user's data: a restore adds the file's rows with their ids, and
/// mixing two data sets would clash or silently lose one of them.
fn ensure_empty(conn: &Connection) -> Result<()> {
    let held: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM interviews)",
        [],
        |row| row.get(0),
    )?;
    if held > 0 {
        return Err(bad(
            "Coffee Chat already holds people or interviews (some may be in the trash), and a \
             backup restored on top would mix with them. Restore into an empty data file, or use \
             Restore a backup under Backups on the Your data page.",
        ));
    }
    Ok(())
}

fn insert_rows(conn: &Connection, table: &TableRows) -> Result<()> {
    for (index, row) in table.rows.iter().enumerate() {
        let names: Vec<String> = row.iter().map(|(name, _)| quote(name)).collect();
        let slots = vec!["?"; row.len()].join(", ");
        let sql = if row.is_empty() {
            format!("INSERT INTO {} DEFAULT VALUES", quote(&table.name))
        } else {
            format!(
                "INSERT INTO {} ({}) VALUES ({slots})",
                quote(&table.name),
                names.join(", ")
            )
        };
        let values = row.iter().map(|(_, value)| value);
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|error| refused_row(error, &table.name, index + 1))?;
    }
    Ok(())
}

/// A row SQLite refused (a duplicate id, a value out of range) means a damaged file, not a
/// damaged database: say which row.
fn refused_row(error: rusqlite::Error, table: &str, number: usize) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => {
            let reason = match &error {
                rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
                other => other.to_string(),
            };
            damaged(format!(
                "row {number} of \"{table}\" breaks a rule ({reason})"
            ))
        }
        _ => error.into(),
    }
}

/// Every reference (a person's organisation, an interview's person …) must point at a row of
/// the file; checked here, so that the transaction is rolled back with a clear message instead
/// of failing at commit.
fn check_references(conn: &Connection) -> Result<()> {
    let broken: Vec<(String, String)> = collect(conn, "PRAGMA foreign_key_check", [], |row| {
        Ok((row.get(0)?, row.get(2)?))
    })?;
    match broken.first() {
        Some((table, parent)) => Err(damaged(format!(
            "a row of \"{table}\" refers to a row of \"{parent}\" that is not in the file"
        ))),
        None => Ok(()),
    }
}

/// The search index is not in the backup: each person's document is built again.
fn rebuild_search(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM person_search", [])?;
    let people: Vec<i64> = collect(conn, "SELECT id FROM people ORDER BY id", [], |row| {
        row.get(0)
    })?;
    for id in people {
        search::reindex_person(conn, id)?;
    }
    Ok(())
}

fn summary(conn: &Connection, plan: &[TableRows]) -> Result<RestoreSummary> {
    let count = |sql: &str| -> Result<usize> {
        let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    Ok(RestoreSummary {
        people: count("SELECT count(*) FROM people")?,
        interviews: count("SELECT count(*) FROM interviews")?,
        in_trash: count(
            "SELECT (SELECT count(*) FROM people WHERE deleted_at IS NOT NULL)
                  + (SELECT count(*) FROM interviews WHERE deleted_at IS NOT NULL)",
        )?,
        questions: count("SELECT count(*) FROM questions")?,
        reminders: count("SELECT count(*) FROM reminders")?,
        rows: plan
            .iter()
            .map(|table| (table.name.clone(), table.rows.len()))
            .collect(),
    })
}
