//! How long a real user's network takes to come in and to be backed up, side by side with bare
//! SQLite doing the least the same work needs. Prints figures; it is not a test.
//!
//! 1. A 10,000-row LinkedIn `Connections.csv` (preamble, quoted companies, e-mails for some):
//!    the dry run (`preview_import_file`) and the import (`import_file`) into a fresh data file,
//!    against bare SQLite inserting the same 10,000 rows in one transaction. Runs alternate;
//!    medians and the ratio are printed, and the process's peak memory (VmHWM) before and after.
//! 2. A backup of a data file with 5,000 people and 20,000 interviews (`Store::back_up`: a
//!    checked, synced snapshot), against a bare `VACUUM INTO` of the same file.
//!
//!     cargo bench -p coffeechat-core --bench exchange

use std::path::Path;
use std::time::{Duration, Instant};

use coffeechat_core::exchange::backup::backup_folder;
use coffeechat_core::store::DATABASE_FILE;
use coffeechat_core::Store;
use rusqlite::Connection;

const ROWS: usize = 10_000;
const RUNS: usize = 5;
const BACKUP_PEOPLE: usize = 5_000;
const BACKUP_INTERVIEWS: usize = 20_000;

const COMPANIES: [&str; 6] = [
    "Northwind Analytics, Inc.",
    "Contoso",
    "Fabrikam",
    "\"Quoted\" Labs",
    "Lumen",
    "Harbor Health",
];

fn connections_csv() -> String {
    let mut csv = String::from(
        "\u{feff}Notes:\n\"When exporting your connection data, you may notice that some of the \
         email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for i in 0..ROWS {
        let company = COMPANIES[i % COMPANIES.len()].replace('"', "\"\"");
        let email = if i % 3 == 0 {
            format!("person{i}@example.org")
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "Person{i},Lastname{},https://www.linkedin.com/in/person-{i},{email},\"{company}\",Engineer {},{:02} Mar 2024\n",
            i % 97,
            i % 13,
            1 + i % 28
        ));
    }
    csv
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// The process's peak resident memory so far, in MiB (Linux's VmHWM).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Bare SQLite: the same rows into one table, one transaction, no checks, no duplicates.
fn reference_insert(folder: &Path, csv: &str) -> Duration {
    let started = Instant::now();
    let mut conn = Connection::open(folder.join("reference.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, url TEXT, email TEXT,
             company TEXT, position TEXT, connected TEXT)",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO people (name, url, email, company, position, connected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes());
        for record in reader.records().skip(4) {
            let record = record.unwrap();
            let name = format!("{} {}", &record[0], &record[1]);
            insert
                .execute((
                    name, &record[2], &record[3], &record[4], &record[5], &record[6],
                ))
                .unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

fn import_benchmark() {
    let csv = connections_csv();
    let mut dry_runs = Vec::new();
    let mut imports = Vec::new();
    let mut references = Vec::new();
    let peak_before = peak_mib();
    for run in 0..RUNS {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("Connections.csv");
        std::fs::write(&file, &csv).unwrap();
        let mut measure_app = || {
            let mut store = Store::open(&folder.path().join(DATABASE_FILE)).unwrap();
            let started = Instant::now();
            let preview = store.preview_import_file(&file).unwrap();
            dry_runs.push(started.elapsed());
            assert_eq!(preview.added, ROWS);
            let started = Instant::now();
            let outcome = store.import_file(&file, &mut |_, _| true).unwrap();
            imports.push(started.elapsed());
            assert_eq!(outcome.added, ROWS);
        };
        // Alternate which goes first, so neither always meets a cold or a warm disk cache.
        if run % 2 == 0 {
            measure_app();
            references.push(reference_insert(folder.path(), &csv));
        } else {
            references.push(reference_insert(folder.path(), &csv));
            measure_app();
        }
    }
    let dry = median(dry_runs);
    let import = median(imports);
    let reference = median(references);
    println!(
        "Import of a {ROWS}-row Connections.csv ({} KiB), median of {RUNS} alternating runs:",
        csv.len() / 1024
    );
    println!("  dry run (parse, match, preview)   {}", ms(dry));
    println!("  import (parse, match, write)      {}", ms(import));
    println!("  dry run + import                  {}", ms(dry + import));
    println!("  bare SQLite, same rows inserted   {}", ms(reference));
    println!(
        "  ratio (dry run + import) / bare   {:.1} ×",
        (dry + import).as_secs_f64() / reference.as_secs_f64()
    );
    if let (Some(before), Some(after)) = (peak_before, peak_mib()) {
        println!(
            "  peak memory of the process        {before:.1} MiB before, {after:.1} MiB after"
        );
    }
}

/// A data file with many people and interviews, written with plain SQL for speed.
fn big_data_file(path: &Path) {
    drop(Store::open(path).unwrap());
    let mut conn = Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let now = "2026-03-02 10:00:00+00:00";
    for i in 0..BACKUP_PEOPLE {
        tx.execute(
            "INSERT INTO people (name, title, email, notes, created_at, updated_at)
             VALUES (?1, 'Engineer', ?2, ?3, ?4, ?4)",
            (
                format!("Person {i}"),
                format!("person{i}@example.org"),
                "Met at the meetup; talked about data journalism and how to start.".repeat(3),
                now,
            ),
        )
        .unwrap();
    }
    for i in 0..BACKUP_INTERVIEWS {
        tx.execute(
            "INSERT INTO interviews (person_id, stage, notes, stage_changed_at, created_at, updated_at)
             VALUES (?1, 'done', ?2, ?3, ?3, ?3)",
            (1 + (i % BACKUP_PEOPLE) as i64, "Notes from the conversation. ".repeat(8), now),
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn backup_benchmark() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(DATABASE_FILE);
    big_data_file(&path);
    let store = Store::open(&path).unwrap();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let backups = backup_folder(&path);
    let mut app_times = Vec::new();
    let mut reference_times = Vec::new();
    for run in 0..RUNS {
        let mut app = || {
            let started = Instant::now();
            store.back_up(&backups).unwrap();
            app_times.push(started.elapsed());
        };
        let mut reference = || {
            let target = folder.path().join(format!("reference-{run}.sqlite3"));
            let conn = Connection::open(&path).unwrap();
            let started = Instant::now();
            conn.execute("VACUUM INTO ?1", [target.to_str().unwrap()])
                .unwrap();
            reference_times.push(started.elapsed());
        };
        if run % 2 == 0 {
            app();
            reference();
        } else {
            reference();
            app();
        }
    }
    let app = median(app_times);
    let reference = median(reference_times);
    println!(
        "Backup of a data file with {BACKUP_PEOPLE} people and {BACKUP_INTERVIEWS} interviews ({:.1} MiB), median of {RUNS}:",
        size as f64 / 1024.0 / 1024.0
    );
    println!(
        "  Store::back_up (snapshot, check, sync, rename, rotate)  {}",
        ms(app)
    );
    println!(
        "  bare VACUUM INTO                                        {}",
        ms(reference)
    );
    println!(
        "  ratio                                                   {:.1} ×",
        app.as_secs_f64() / reference.as_secs_f64()
    );
}

fn main() {
    import_benchmark();
    backup_benchmark();
}
