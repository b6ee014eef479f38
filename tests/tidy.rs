//! Tidy: invariants of the code base that no compiler checks.
//! - the core never names Tauri, and the shell holds no SQL;
//! - every command is in the handler list, the build manifest, the capability file and api.js;
//! - the UI puts no data through innerHTML, loads nothing remote and runs no inline script;
//! - index.html preloads exactly the modules the window's start imports;
//! - the .deb's compressed changelog and manual page hold their sources' text;
//! - no dependency brings back blocking 1.7's ever-waking idle thread.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, extension, out);
            } else if path.extension().is_some_and(|e| e == extension) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), extension, &mut out);
    assert!(!out.is_empty(), "no .{extension} files under {dir}");
    out
}

/// The words between the first `start` and the next `end` that look like identifiers.
fn names_between(text: &str, start: &str, end: &str, prefix: &str) -> BTreeSet<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let to = from + text[from..].find(end).unwrap();
    text[from..to]
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '-'))
        .filter_map(|word| word.strip_prefix(prefix))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_core_never_names_tauri() {
    for path in files("src-tauri/core", "rs") {
        let text = fs::read_to_string(&path).unwrap();
        for word in ["tauri::", "tauri_", "use tauri"] {
            assert!(
                !text.contains(word),
                "{} uses Tauri ({word}): the core must stay independent of the shell",
                path.display()
            );
        }
    }
    let manifest = read("src-tauri/core/Cargo.toml");
    let dependencies = manifest
        .lines()
        .filter(|line| !line.starts_with("description"));
    for line in dependencies {
        assert!(
            !line.trim_start().starts_with("tauri"),
            "the core depends on Tauri: {line}"
        );
    }
}

#[test]
fn the_shell_holds_no_sql() {
    for path in files("src-tauri/app", "rs") {
        let text = fs::read_to_string(&path).unwrap();
        for keyword in ["SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "rusqlite"] {
            assert!(
                !text.contains(keyword),
                "{} contains {keyword:?}: SQL belongs in the core",
                path.display()
            );
        }
    }
}

#[test]
fn every_command_is_registered_allowed_and_wrapped() {
    let handler = names_between(
        &read("src-tauri/app/lib.rs"),
        "generate_handler![",
        "]",
        "commands::",
    );
    let manifest: BTreeSet<String> =
        names_between(&read("src-tauri/app/build.rs"), "COMMANDS", "];", "")
            .into_iter()
            .filter(|name| name != "str" && name.chars().all(|c| c.is_lowercase() || c == '_'))
            .collect();
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let allowed: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect();
    let api = read("ui/js/api.js");
    let wrapped: BTreeSet<String> = api
        .split("invoke(\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    let defined: BTreeSet<String> = files("src-tauri/app", "rs")
        .iter()
        .flat_map(|path| {
            let text = fs::read_to_string(path).unwrap();
            text.split("#[tauri::command")
                .skip(1)
                .map(|rest| {
                    let after = &rest[rest.find("pub fn ").unwrap() + 7..];
                    after[..after.find('(').unwrap()].to_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect();

    assert!(!handler.is_empty());
    assert_eq!(
        handler, defined,
        "generate_handler! vs #[tauri::command] functions"
    );
    assert_eq!(handler, manifest, "generate_handler! vs build.rs COMMANDS");
    assert_eq!(
        handler, allowed,
        "generate_handler! vs capabilities/default.json"
    );
    assert_eq!(handler, wrapped, "generate_handler! vs ui/js/api.js");
}

/// The permissions each of Tauri's JavaScript APIs that `ui/js/api.js` calls needs. App commands
/// (`core.invoke`) are granted one by one as `allow-<command>`. A new API used in api.js gets its
/// line here and its permission in the capability file; nothing else is granted.
const JS_API_PERMISSIONS: &[(&str, &[&str])] = &[
    ("core.invoke", &[]),
    (
        "event.listen",
        &["core:event:allow-listen", "core:event:allow-unlisten"],
    ),
    ("event.emit", &["core:event:allow-emit"]),
    ("opener.openUrl", &["opener:allow-open-url"]),
];

#[test]
fn the_window_is_granted_exactly_the_tauri_apis_the_ui_calls() {
    let api = read("ui/js/api.js");
    let used: BTreeSet<String> = api
        .split("window.__TAURI__.")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect();
    assert!(used.contains("core.invoke"), "api.js calls no command?");
    let mut needed = BTreeSet::new();
    for name in &used {
        let (_, permissions) = JS_API_PERMISSIONS
            .iter()
            .find(|(api, _)| api == name)
            .unwrap_or_else(|| {
                panic!(
                    "ui/js/api.js calls window.__TAURI__.{name}: add the permissions it needs to \
                     JS_API_PERMISSIONS in tests/tidy.rs and to capabilities/default.json"
                )
            });
        needed.extend(permissions.iter().map(|p| (*p).to_owned()));
    }
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str().or_else(|| p["identifier"].as_str()))
        .filter(|p| !p.starts_with("allow-"))
        .map(str::to_owned)
        .collect();
    for permission in &granted {
        assert!(
            !permission.ends_with(":default") && !permission.contains(":allow-all"),
            "{permission} grants a whole set (core:default alone lets the page create tray \
             icons and menus and manage windows and webviews): grant what api.js calls"
        );
    }
    assert_eq!(
        granted, needed,
        "capabilities/default.json grants other Tauri permissions than ui/js/api.js needs"
    );
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
}

#[test]
fn only_api_js_touches_tauri_in_the_ui() {
    for path in files("ui/js", "js") {
        let text = fs::read_to_string(&path).unwrap();
        if path.ends_with("api.js") {
            continue;
        }
        assert!(
            !text.contains("__TAURI__"),
            "{} calls Tauri directly",
            path.display()
        );
    }
}

#[test]
fn the_ui_never_parses_data_as_markup_or_loads_remote_code() {
    for path in files("ui", "js").into_iter().chain(files("ui", "html")) {
        let text = fs::read_to_string(&path).unwrap();
        for banned in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!text.contains(banned), "{} uses {banned}", path.display());
        }
        for remote in ["http://", "https://", "//cdn"] {
            let hits: Vec<&str> = text
                .lines()
                .filter(|line| line.contains(remote))
                .filter(|line| !line.contains("placeholder") && !line.contains("xmlns"))
                .collect();
            assert!(
                hits.is_empty(),
                "{} refers to a remote origin: {hits:?}",
                path.display()
            );
        }
    }
    let html = read("ui/index.html");
    assert!(!html.contains("<script>"), "inline script in index.html");
    let inline_handler = html.split(" on").skip(1).any(|rest| {
        let word: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        !word.is_empty() && rest[word.len()..].starts_with('=')
    });
    assert!(!inline_handler, "inline event handler in index.html");
}

/// `dir/spec` with `./` and `../` worked out: "js/views" and "../dom.js" give "js/dom.js".
fn resolve(dir: &str, spec: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in spec.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The modules the window's start needs under ui/: main.js's static imports and theirs, not
/// what a view loads later with `import()`.
fn start_modules() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut queue = vec!["js/main.js".to_owned()];
    while let Some(module) = queue.pop() {
        let dir = module
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .to_owned();
        for line in read(&format!("ui/{module}")).lines() {
            let Some(spec) = line
                .strip_prefix("import ")
                .and_then(|rest| rest.split_once(" from \""))
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(spec, _)| spec)
            else {
                continue;
            };
            let path = resolve(&dir, spec);
            if found.insert(path.clone()) {
                queue.push(path);
            }
        }
    }
    found
}

#[test]
fn index_html_preloads_exactly_the_modules_the_start_imports() {
    let html = read("ui/index.html");
    let preloaded: BTreeSet<String> = html
        .lines()
        .filter_map(|line| line.split_once(r#"<link rel="modulepreload" href=""#))
        .map(|(_, rest)| rest.split('"').next().unwrap().to_owned())
        .collect();
    let imported = start_modules();
    assert!(imported.contains("js/views/today.js"), "{imported:?}");
    let missing: Vec<_> = imported.difference(&preloaded).collect();
    let extra: Vec<_> = preloaded.difference(&imported).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ui/index.html's modulepreload links must name what main.js imports at start: \
         add {missing:?}, remove {extra:?}"
    );
}

#[test]
fn the_csp_is_strict() {
    let config: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    assert!(csp.contains("default-src 'self'"));
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert!(!csp.contains("https:") && !csp.contains("http://*"));
}

/// Architecture invariant: every editor saves through `ui/js/autosave.js`. The calls that store
/// what an editor holds are made only as an editor's `save` (within a few lines after `save:`),
/// never by a view's own timer or submit handler.
#[test]
fn every_editor_saves_through_autosave() {
    const EDITOR_SAVES: &[&str] = &[
        "updateInterview(",
        "updatePrep(",
        "setResumeAsked(",
        "captureCard(",
        "answerQuestion(",
        "saveInterviewNotes(",
        "updateSettings(",
        "updateProfile(",
        "saveTemplate(",
        "updatePerson(",
    ];
    for path in files("ui/js", "js") {
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            for call in EDITOR_SAVES {
                if line.contains(&format!("api.{call}")) {
                    let editor = lines[i.saturating_sub(5)..=i]
                        .iter()
                        .any(|l| l.contains("save:"));
                    assert!(
                        editor,
                        "{}:{}: api.{call}…) is called outside an autosave editor's `save` \
                         (ui/js/autosave.js)",
                        path.display(),
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn the_packages_compressed_docs_are_their_sources() {
    // tauri.conf.json puts packaging/*.gz in the .deb; release_build remakes them, and a change
    // to a source that was not built yet would otherwise ship the old text.
    for (source, compressed) in [
        ("packaging/changelog", "packaging/changelog.gz"),
        ("packaging/coffeechat.1", "packaging/coffeechat.1.gz"),
        (
            "packaging/coffeechat-resident.1",
            "packaging/coffeechat-resident.1.gz",
        ),
    ] {
        let output = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(root().join(compressed))
            .output()
            .unwrap_or_else(|e| panic!("gzip -dc {compressed}: {e}"));
        assert!(output.status.success(), "{compressed} is not a gzip file");
        assert!(
            output.stdout == read(source).as_bytes(),
            "{compressed} is not {source} compressed: run `gzip -9nc {source} >{compressed}`"
        );
        assert!(
            read("tauri.conf.json").contains(&format!("\"{compressed}\"")),
            "tauri.conf.json does not ship {compressed}"
        );
    }
}

#[test]
fn no_dependency_brings_back_the_idle_thread_that_wakes_twice_a_second() {
    // blocking 1.7.0's idle worker never exits and wakes every 500 ms, in the tray all day
    // (issue 13); 1.6.2's exits. Cargo.toml pins it; this fails if the pin goes and an update
    // brings a 1.7 back. See the comment at the pin for when to lift it.
    let lock = read("Cargo.lock");
    let versions: Vec<&str> = lock
        .split("[[package]]")
        .filter(|package| package.contains("\nname = \"blocking\"\n"))
        .filter_map(|package| package.split("\nversion = \"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(
        !versions.is_empty(),
        "Cargo.lock has no blocking crate any more: drop this test and the pin"
    );
    for version in versions {
        let minor: Vec<u32> = version
            .split('.')
            .take(2)
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(
            minor < vec![1, 7],
            "Cargo.lock holds blocking {version}, whose idle thread wakes every 500 ms forever; \
             keep blocking = \"=1.6.2\" in Cargo.toml until upstream lets idle threads exit"
        );
    }
}
