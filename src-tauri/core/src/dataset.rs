//! A realistic data set at a real user's scale, for the benchmarks and the end-to-end tests:
//! people with names in many scripts, organisations, long notes, interviews at every stage with
//! notes, and reminders. Deterministic: the same seed and size always write the same rows.
//!
//! It writes straight into a data file the store has already created (so the schema is current),
//! in one transaction, then builds every person's search document the way the store does.

use std::path::Path;

use chrono::{Duration, Utc};
use rusqlite::Connection;

use crate::error::Result;
use crate::search;
use crate::stage::Stage;
use crate::store::{Store, BUSY_TIMEOUT};

/// How much to write.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub people: usize,
    /// Interviews, each with notes and insights, spread over the people.
    pub interviews: usize,
    pub reminders: usize,
}

impl Size {
    /// A user who imported their LinkedIn connections: 5,000 people, 20,000 interviews,
    /// 100,000 reminders.
    pub const APP: Size = Size {
        people: 5_000,
        interviews: 20_000,
        reminders: 100_000,
    };
    /// What the core must stay fast at: 50,000 people and 200,000 interviews with notes.
    pub const CORE: Size = Size {
        people: 50_000,
        interviews: 200_000,
        reminders: 0,
    };
}

// Given names and family names by script; every person takes one of each from the same script.
const NAMES: &[(&[&str], &[&str])] = &[
    (
        &[
            "Dana", "David", "Daniel", "Daphne", "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas",
            "Mia", "Ethan", "Sophia", "Mason", "Isabella", "Logan", "Amelia", "James", "Harper",
            "Benjamin", "Evelyn", "Henry", "Abigail", "Samuel", "Grace", "Oscar", "Ruth", "Peter",
        ],
        &[
            "Whitfield",
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Garcia",
            "Wilson",
            "Anderson",
            "Taylor",
            "Thomas",
            "Moore",
            "Martin",
            "Jackson",
            "Thompson",
            "White",
            "Harris",
            "Clark",
            "Lewis",
            "Robinson",
            "Walker",
            "Young",
            "O'Brien",
            "MacDonald",
            "Dawson",
            "Dalton",
        ],
    ),
    (
        &[
            "Zoë",
            "Chloé",
            "Hélène",
            "José",
            "Łukasz",
            "Søren",
            "Björn",
            "Ångström",
            "Dóra",
            "François",
            "Mónica",
            "Jürgen",
            "Ines",
            "Ştefan",
            "Dušan",
            "Élodie",
            "Renée",
            "Nuño",
        ],
        &[
            "Müller",
            "Dvořák",
            "Núñez",
            "Lefèvre",
            "Kowalczyk",
            "Østergaard",
            "Åberg",
            "Özdemir",
            "Dąbrowski",
            "Gonçalves",
            "Šimić",
            "Fernández",
            "Schäfer",
            "Érdi",
            "Dürr",
            "Peña",
        ],
    ),
    (
        &[
            "Дмитрий",
            "Анна",
            "Дарья",
            "Иван",
            "Мария",
            "Сергей",
            "Ольга",
            "Алексей",
            "Елена",
            "Николай",
        ],
        &[
            "Иванов",
            "Смирнова",
            "Кузнецов",
            "Попова",
            "Волков",
            "Данилова",
            "Соколов",
            "Лебедева",
            "Морозов",
            "Дорохова",
        ],
    ),
    (
        &[
            "Δημήτρης",
            "Ελένη",
            "Γιώργος",
            "Μαρία",
            "Νίκος",
            "Σοφία",
            "Κώστας",
            "Δάφνη",
        ],
        &[
            "Παπαδόπουλος",
            "Γεωργίου",
            "Δημητρίου",
            "Νικολάου",
            "Οικονόμου",
            "Δασκαλάκη",
        ],
    ),
    (
        &["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "大伟", "丹"],
        &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "戴", "邓"],
    ),
    (
        &["太郎", "花子", "大輔", "さくら", "健", "美咲", "翔", "陽菜"],
        &[
            "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "大野", "中村",
        ],
    ),
    (
        &[
            "محمد",
            "فاطمة",
            "أحمد",
            "ليلى",
            "داود",
            "سارة",
            "عمر",
            "نور",
        ],
        &[
            "العلي",
            "حداد",
            "الخطيب",
            "منصور",
            "داود",
            "ناصر",
            "سليمان",
            "حسن",
        ],
    ),
    (
        &["민준", "서연", "도윤", "지우", "다은", "하준"],
        &["김", "이", "박", "최", "정", "강"],
    ),
    (
        &[
            "Aarav", "Priya", "Deepak", "Divya", "Ananya", "Rohan", "Kavya", "Arjun",
        ],
        &[
            "Sharma", "Patel", "Desai", "Iyer", "Reddy", "Das", "Nair", "Gupta",
        ],
    ),
];

const ORGANISATIONS: &[&str] = &[
    "Acme Analytics",
    "Northwind Health",
    "Datalore",
    "Daybreak Energy",
    "Globex",
    "Initech",
    "Umbrella Research",
    "Stark Industries",
    "Wayne Foundation",
    "Société Générale des Eaux",
    "Müller & Söhne",
    "Дальняя Связь",
    "株式会社サクラ",
    "北京数据科技",
    "مؤسسة النور",
    "City Hospital",
    "Ministry of Transport",
    "Riverside School District",
    "Open Data Institute",
    "Blue Harbor Studio",
];

const TITLES: &[&str] = &[
    "Data Analyst",
    "Product Manager",
    "Nurse Practitioner",
    "Software Engineer",
    "UX Researcher",
    "Teacher",
    "Policy Advisor",
    "Designer",
    "Head of Operations",
    "Director of Data",
    "Civil Engineer",
    "",
];

const LOCATIONS: &[&str] = &[
    "London",
    "Berlin",
    "Москва",
    "Αθήνα",
    "東京",
    "北京",
    "Toronto",
    "São Paulo",
    "Dubai",
    "",
];

// Sentences the notes are made of: long notes are several of these.
const SENTENCES: &[&str] = &[
    "Met at the regional data meetup; very open about how she moved from teaching into analytics.",
    "Recommended reading the department's annual report before the next conversation.",
    "Their team is hiring juniors in spring, and referrals go through the internal portal first.",
    "Suggested I talk to someone in operations about the day-to-day work.",
    "Warned that the first year is mostly cleaning data and writing documentation.",
    "Offered to review my résumé once I have a portfolio project to show.",
    "Спросить про переход из науки в индустрию и про стажировки летом.",
    "Η συζήτηση ήταν πολύ χρήσιμη για το πώς δουλεύει η ομάδα δεδομένων.",
    "次回はポートフォリオについて相談する予定です。",
    "建议先学习统计学基础，然后做一个真实的数据项目。",
    "اقترح التواصل مع فريق الموارد البشرية بخصوص التدريب الصيفي.",
    "Daily stand-ups, a quarterly planning week, and a lot of stakeholder interviews.",
    "The most useful skill, they said, is explaining numbers to people who do not like them.",
    "Follow up in two weeks with the article about dashboards we discussed.",
    "Night shifts are hard but the team is close; mentoring programme for new graduates.",
    "Asked about remote work: two days in the office, the rest at home.",
];

const TAGS: &[&str] = &["warm", "alumni", "linkedin", "conference", "referral", ""];

/// Writes `size` into the data file at `path` (creating it and bringing its schema up to date
/// first), seeded by `seed`. Returns how many people the file then holds.
pub fn fill(path: &Path, size: Size, seed: u64) -> Result<i64> {
    drop(Store::open(path)?);
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let tx = conn.transaction()?;
    let now = Utc::now();
    let mut random = Random(seed | 1);
    let first_person: i64 =
        tx.query_row("SELECT COALESCE(max(id), 0) + 1 FROM people", [], |row| {
            row.get(0)
        })?;
    {
        let mut organisation = tx.prepare(
            "INSERT INTO organisations (name, created_at) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET name = name RETURNING id",
        )?;
        let mut organisations = Vec::with_capacity(ORGANISATIONS.len());
        for name in ORGANISATIONS {
            organisations.push(organisation.query_row((name, now), |row| row.get::<_, i64>(0))?);
        }
        let mut person = tx.prepare(
            "INSERT INTO people (name, title, organisation_id, location, tags, warm, notes,
                                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        for n in 0..size.people {
            let (given, family) = NAMES[random.below(NAMES.len())];
            let name = format!(
                "{} {}",
                given[random.below(given.len())],
                family[random.below(family.len())]
            );
            let organisation = random
                .chance(85)
                .then(|| organisations[random.below(organisations.len())]);
            let notes = if random.chance(60) {
                let count = 1 + random.below(4);
                sentences(&mut random, count)
            } else {
                String::new()
            };
            person.execute((
                &name,
                TITLES[random.below(TITLES.len())],
                organisation,
                LOCATIONS[random.below(LOCATIONS.len())],
                TAGS[random.below(TAGS.len())],
                random.chance(20),
                notes,
                now - Duration::minutes((size.people - n) as i64),
            ))?;
        }
        let stages: Vec<Stage> = Stage::all().collect();
        let mut interview = tx.prepare(
            "INSERT INTO interviews (person_id, stage, notes, insights, place, stage_changed_at,
                                     created_at, updated_at, scheduled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6, ?7)",
        )?;
        let people = size.people.max(1) as i64;
        for n in 0..size.interviews {
            // Interviews go round the people, so each has about the same number, oldest first.
            let person_id = first_person + (n as i64 % people);
            let at = now - Duration::minutes((size.interviews - n) as i64);
            let stage_index = random.below(stages.len());
            let stage = stages[stage_index].as_str();
            let (note_count, insight_count) = (2 + random.below(5), 1 + random.below(2));
            // From "scheduled" on, an interview has its date: in the past once it happened,
            // within the coming weeks while it is scheduled.
            let scheduled_at = match stages[stage_index] {
                Stage::Scheduled => {
                    Some(now + Duration::minutes(random.below(60 * 24 * 60) as i64))
                }
                Stage::Done | Stage::Thanked | Stage::FollowedUp => Some(at),
                _ => None,
            };
            interview.execute((
                person_id,
                stage,
                sentences(&mut random, note_count),
                sentences(&mut random, insight_count),
                if random.chance(30) {
                    "Café Central"
                } else {
                    ""
                },
                at,
                scheduled_at,
            ))?;
        }
        let kinds = [
            "thank_you",
            "tip",
            "follow_up_note",
            "no_response_3",
            "keep_in_touch",
        ];
        let mut reminder = tx.prepare(
            "INSERT INTO reminders (kind, person_id, due_at, done_at, snoozed_until, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for _ in 0..size.reminders {
            let due = now + Duration::minutes(random.below(2 * 525_600) as i64 - 525_600);
            // A user keeps up: nearly every reminder in the past is done, a few dozen wait.
            let done = (due < now && !random.chance_in(1_000, 1)).then_some(due);
            let snoozed = (done.is_none() && random.chance(10)).then(|| due + Duration::days(1));
            reminder.execute((
                kinds[random.below(kinds.len())],
                first_person + random.below(people as usize) as i64,
                due,
                done,
                snoozed,
                due - Duration::days(7),
            ))?;
        }
        for id in first_person..first_person + size.people as i64 {
            search::reindex_person(&tx, id)?;
        }
    }
    tx.commit()?;
    let total = conn.query_row(
        "SELECT count(*) FROM people WHERE deleted_at IS NULL",
        [],
        |row| row.get(0),
    )?;
    Ok(total)
}

fn sentences(random: &mut Random, count: usize) -> String {
    (0..count)
        .map(|_| SENTENCES[random.below(SENTENCES.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small deterministic generator (xorshift64*), so every run writes the same rows.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.chance_in(100, percent)
    }

    /// True with probability `times` / `out_of`.
    fn chance_in(&mut self, out_of: u64, times: u64) -> bool {
        self.next() % out_of < times
    }
}

/// The size in words, for the benchmarks' output.
pub fn describe(size: Size) -> String {
    format!(
        "{} people, {} interviews with notes, {} reminders",
        size.people, size.interviews, size.reminders
    )
}
