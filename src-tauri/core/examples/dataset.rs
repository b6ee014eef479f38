//! Writes the shared benchmark data set into a data file, for the end-to-end tests and for
//! looking at the app at a real user's scale:
//!
//!     cargo run -p coffeechat-core --example dataset -- <data file> [people] [interviews] [reminders]
//!
//! Without sizes it writes 5,000 people, 20,000 interviews and 100,000 reminders.

use std::path::PathBuf;
use std::process::ExitCode;

use coffeechat_core::dataset::{self, Size};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: dataset <data file> [people] [interviews] [reminders]");
        return ExitCode::from(2);
    };
    let mut size = Size::APP;
    for (slot, name) in [
        (&mut size.people, "people"),
        (&mut size.interviews, "interviews"),
        (&mut size.reminders, "reminders"),
    ] {
        if let Some(text) = args.next() {
            match text.parse() {
                Ok(value) => *slot = value,
                Err(_) => {
                    eprintln!("error: the number of {name} must be a whole number, not {text:?}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    match dataset::fill(&path, size, 12) {
        Ok(total) => {
            println!(
                "{}: {total} people ({})",
                path.display(),
                dataset::describe(size)
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
