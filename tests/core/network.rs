//! The referral network: who referred whom, laid out as trees from the people first known.

mod common;

use coffeechat_core::after::Referral;
use coffeechat_core::network::{layout, Person};

use common::{store_at, Db};

fn refer(db: &mut Db, by: i64, name: &str) -> i64 {
    let interview = db.create_interview(by).unwrap();
    db.add_referral(
        interview,
        &Referral {
            name: name.into(),
            organisation: String::new(),
            note: String::new(),
        },
    )
    .unwrap()
}

#[test]
fn referrals_grow_from_the_people_first_known() {
    let mut db = store_at("2026-05-04 10:00");
    // Ana (first known) introduced Ben and Cleo; Ben introduced Dev. Zoe knows no one yet.
    let ana = db.add("Ana");
    db.add("Zoe");
    let ben = refer(&mut db, ana, "Ben");
    let cleo = refer(&mut db, ana, "Cleo");
    let dev = refer(&mut db, ben, "Dev");
    db.raw()
        .execute("UPDATE people SET warm = 1 WHERE id = ?1", [ben])
        .unwrap();

    let network = db.referral_network().unwrap();
    let nodes: Vec<(&str, usize, f64, bool)> = network
        .nodes
        .iter()
        .map(|n| (n.name.as_str(), n.depth, n.row, n.warm))
        .collect();
    // Leaves take rows 0 (Dev) and 1 (Cleo); Ben sits by Dev, Ana between Ben and Cleo.
    assert_eq!(
        nodes,
        [
            ("Ana", 0, 0.5, false),
            ("Ben", 1, 0.0, true),
            ("Dev", 2, 0.0, false),
            ("Cleo", 1, 1.0, false),
        ]
    );
    let edges: Vec<(i64, i64)> = network.edges.iter().map(|e| (e.from, e.to)).collect();
    assert_eq!(edges, [(ana, ben), (ben, dev), (ana, cleo)]);
    assert_eq!(
        (network.rows, network.depth, network.unconnected),
        (2, 3, 1)
    );

    // Someone in the trash leaves the picture, with the introductions they made.
    db.delete_person(ben).unwrap();
    let network = db.referral_network().unwrap();
    let names: Vec<&str> = network.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Cleo"]);
}

#[test]
fn a_loop_of_referrals_is_drawn_once_and_two_hundred_people_fit_in_rows() {
    let person = |id: i64, by: Option<i64>| Person {
        id,
        name: format!("P{id:03}"),
        organisation: String::new(),
        warm: false,
        referred_by: by,
    };
    let network = layout(&[person(1, Some(2)), person(2, Some(1)), person(3, Some(3))]);
    let ids: Vec<i64> = network.nodes.iter().map(|n| n.id).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(network.unconnected, 1);

    // 200 people: one first contact, ten people they introduced, each introducing 18 or 19.
    let mut people = vec![person(0, None)];
    people.extend((1..=10).map(|id| person(id, Some(0))));
    people.extend((11..200).map(|id| person(id, Some(1 + id % 10))));
    let network = layout(&people);
    assert_eq!(network.nodes.len(), 200);
    assert_eq!(network.edges.len(), 199);
    assert_eq!((network.rows, network.depth), (189, 3));
    // Every row holds at most one person of a column: no two labels on top of each other.
    let mut seen = std::collections::HashSet::new();
    for node in &network.nodes {
        assert!(
            seen.insert((node.depth, (node.row * 2.0) as i64)),
            "{node:?}"
        );
    }
}
