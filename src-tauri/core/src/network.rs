//! The network as a picture: who referred whom. Trees grow from the people the user first knew
//! (no one referred them) to the people each one introduced; the layout is computed here, so the
//! page only draws it: depth is the column, and each person gets a row, parents centred beside
//! their children, so that 200 people stay readable in a scrolling picture.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::error::Result;
use crate::store::{collect, Store};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub warm: bool,
    /// How many referrals from the first person known: 0 for them.
    pub depth: usize,
    /// The row, from the top; a parent sits halfway between its first and last child.
    pub row: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Who made the introduction.
    pub from: i64,
    /// Who they introduced.
    pub to: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// How many rows and columns the picture needs.
    pub rows: usize,
    pub depth: usize,
    /// People (not in the trash) who are in no referral: not drawn.
    pub unconnected: i64,
}

/// A person as the layout needs them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub warm: bool,
    pub referred_by: Option<i64>,
}

/// Lays out the referral trees of `people`: only those who referred someone or were referred.
/// Trees come in the order of their first person's name; children in the order of theirs. A
/// loop of referrals (A by B, B by A) is cut where it closes.
pub fn layout(people: &[Person]) -> Network {
    let by_id: HashMap<i64, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let parent = |p: &Person| {
        p.referred_by
            .filter(|r| *r != p.id && by_id.contains_key(r))
    };
    let mut children: BTreeMap<i64, Vec<&Person>> = BTreeMap::new();
    for p in people {
        if let Some(r) = parent(p) {
            children.entry(r).or_default().push(p);
        }
    }
    for list in children.values_mut() {
        list.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
    }
    let in_network = |p: &Person| parent(p).is_some() || children.contains_key(&p.id);
    let mut roots: Vec<&Person> = people
        .iter()
        .filter(|p| in_network(p) && parent(p).is_none())
        .collect();
    roots.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));

    let mut network = Network {
        nodes: Vec::new(),
        edges: Vec::new(),
        rows: 0,
        depth: 0,
        unconnected: people.iter().filter(|p| !in_network(p)).count() as i64,
    };
    let mut placed: HashSet<i64> = HashSet::new();
    let mut next_row = 0usize;
    // Depth first; each leaf takes the next row, each parent the middle of its children's.
    fn place(
        person: &Person,
        depth: usize,
        children: &BTreeMap<i64, Vec<&Person>>,
        placed: &mut HashSet<i64>,
        next_row: &mut usize,
        network: &mut Network,
    ) -> f64 {
        placed.insert(person.id);
        let index = network.nodes.len();
        network.nodes.push(Node {
            id: person.id,
            name: person.name.clone(),
            organisation: person.organisation.clone(),
            warm: person.warm,
            depth,
            row: 0.0,
        });
        network.depth = network.depth.max(depth + 1);
        let mut rows = Vec::new();
        for child in children.get(&person.id).into_iter().flatten() {
            if placed.contains(&child.id) {
                continue;
            }
            network.edges.push(Edge {
                from: person.id,
                to: child.id,
            });
            rows.push(place(child, depth + 1, children, placed, next_row, network));
        }
        let row = match (rows.first(), rows.last()) {
            (Some(first), Some(last)) => (first + last) / 2.0,
            _ => {
                *next_row += 1;
                (*next_row - 1) as f64
            }
        };
        network.nodes[index].row = row;
        row
    }
    for root in roots {
        place(root, 0, &children, &mut placed, &mut next_row, &mut network);
    }
    // Loops have no first person: each starts from its member first by name.
    let mut rest: Vec<&Person> = people
        .iter()
        .filter(|p| in_network(p) && !placed.contains(&p.id))
        .collect();
    rest.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
    for person in rest {
        if !placed.contains(&person.id) {
            place(
                person,
                0,
                &children,
                &mut placed,
                &mut next_row,
                &mut network,
            );
        }
    }
    network.rows = next_row;
    network
}

impl Store {
    /// Who referred whom, laid out as trees (see [`layout`]). People in the trash are left out.
    pub fn referral_network(&self) -> Result<Network> {
        self.read(|conn, _| {
            let people = collect(
                conn,
                "SELECT p.id, p.name, COALESCE(o.name, ''), p.warm, p.referred_by_id
                 FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
                 WHERE p.deleted_at IS NULL",
                [],
                |row| {
                    Ok(Person {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        organisation: row.get(2)?,
                        warm: row.get(3)?,
                        referred_by: row.get(4)?,
                    })
                },
            )?;
            Ok(layout(&people))
        })
    }
}
