//! The layer rules of the README's architecture section, held by reading the code:
//! every `crate::…` path a module of `src/` names (tests and comments aside) must
//! point at a lower layer or at the shared vocabulary; modules side by side import
//! each other without a circle; `main.rs` goes only through what `lib.rs`
//! re-exports (and the diagnostics it prints).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, lowest first. A module may use the ones of a lower
/// layer; within a layer, none uses another (they are separate jobs).
const LAYERS: &[&[&str]] = &[
    // Shared vocabulary: uses no stage.
    &["diagnostics", "text", "hash", "timings", "markdown"],
    // 1. load
    &["content"],
    // 2. link
    &["model"],
    // 3. plan routes
    &["routes"],
    // 2b. check: the rules, among them the link check, which reads the route table.
    &["check"],
    // Composition statistics, counted once from the linked portal.
    &["stats"],
    &["national"],
    // Files published as they are: theme files, images.
    &["assets"],
    // 4. render: pages, feeds, open data
    &["render"],
    // The search index (its documents use the theme's translations).
    &["search"],
    // 5. write, and `baucu diff` over what it wrote.
    &["write"],
    &["deploy"],
    // Orchestration, then what runs it: the report as the command line prints it,
    // `baucu new` (which may check what it made), and the preview.
    &["build"],
    &["report"],
    &["scaffold"],
    // `baucu import`: spreadsheets into content files, checked as `check` does.
    &["import"],
    &["serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, relative to it.
fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(src())
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().strip_prefix(src()).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// The code of a file that ships: its tests and comments left out.
fn shipped_code(file: &Path) -> String {
    let text = std::fs::read_to_string(src().join(file)).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths after each `prefix` (`crate::`, `super::`), as written: `content::records`,
/// and each item of a `use crate::{a, b::c}` group.
fn paths_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = item.trim();
                if !item.is_empty() {
                    paths.insert(item.to_string());
                }
            }
            continue;
        }
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.insert(path.trim_end_matches(':').to_string());
    }
    paths
}

/// The top-level module a file belongs to: `content` for `content/yaml/mod.rs`.
fn module_of(file: &Path) -> String {
    let first = file.components().next().unwrap();
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn every_module_of_src_has_a_layer() {
    let unplaced: BTreeSet<String> = files()
        .iter()
        .map(|f| module_of(f))
        .filter(|m| m != "lib" && m != "main" && layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules in no layer of tests/layers.rs (and the README): {unplaced:?}"
    );
}

#[test]
fn imports_point_down() {
    let mut upward = Vec::new();
    for file in files() {
        let module = module_of(&file);
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for path in paths_after(&shipped_code(&file), "crate::") {
            let target = path.split("::").next().unwrap_or_default();
            if target == module {
                continue;
            }
            if let Some(theirs) = layer_of(target) {
                if theirs >= own {
                    upward.push(format!(
                        "src/{} ({module}, layer {own}) uses crate::{path} ({target}, layer {theirs})",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that do not point down:\n{}",
        upward.join("\n")
    );
}

/// The module a file is: `content::yaml` for `content/yaml/mod.rs`.
fn module_path(file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

#[test]
fn modules_import_each_other_without_a_circle() {
    let modules: BTreeSet<Vec<String>> = files()
        .iter()
        .map(|f| module_path(f))
        .filter(|m| m != &["lib"] && m != &["main"])
        .collect();
    // Module → the modules beside it (same parent) that it, or any module inside it,
    // uses. A parent using its children, or children their parent, is no circle.
    let mut uses: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in files() {
        let module = module_path(&file);
        if !modules.contains(&module) {
            continue;
        }
        let code = shipped_code(&file);
        let parent = &module[..module.len() - 1];
        let mut named: Vec<Vec<String>> = Vec::new();
        for path in paths_after(&code, "crate::") {
            named.push(path.split("::").map(String::from).collect());
        }
        for path in paths_after(&code, "super::") {
            let mut full = parent.to_vec();
            full.extend(path.split("::").map(String::from));
            named.push(full);
        }
        for path in named {
            // At each level from the module up: the sibling the path enters.
            for depth in (1..=module.len()).rev() {
                let own = &module[..depth];
                let level = &own[..depth - 1];
                if path.len() > level.len() && path[..level.len()] == *level {
                    let sibling = path[..=level.len()].to_vec();
                    if sibling != own && modules.contains(&sibling) {
                        uses.entry(own.to_vec()).or_default().insert(sibling);
                    }
                }
            }
        }
    }
    fn reaches(
        from: &Vec<String>,
        to: &Vec<String>,
        uses: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        seen: &mut BTreeSet<Vec<String>>,
    ) -> bool {
        for next in uses.get(from).into_iter().flatten() {
            if next == to || (seen.insert(next.clone()) && reaches(next, to, uses, seen)) {
                return true;
            }
        }
        false
    }
    let circles: Vec<String> = uses
        .keys()
        .filter(|m| reaches(m, m, &uses, &mut BTreeSet::new()))
        .map(|m| m.join("::"))
        .collect();
    assert!(
        !uses.is_empty() && circles.is_empty(),
        "modules in an import circle: {circles:?}"
    );
}

#[test]
fn main_goes_only_through_the_operations_lib_rs_exports() {
    let main = shipped_code(Path::new("main.rs"));
    let lib = shipped_code(Path::new("lib.rs"));
    // The names of each `pub use a::{b, c};` or `pub use a::b;` of lib.rs.
    let mut exported = BTreeSet::new();
    for statement in lib.split("pub use ").skip(1) {
        let statement = statement.split(';').next().unwrap_or_default();
        match statement.split_once('{') {
            Some((_, names)) => exported.extend(
                names
                    .trim_end_matches('}')
                    .split(',')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
            ),
            None => {
                exported.insert(
                    statement
                        .rsplit("::")
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                );
            }
        }
    }
    let mut reaching_in = Vec::new();
    for path in paths_after(&main, "baucu::") {
        let first = path.split("::").next().unwrap_or_default();
        if first != "diagnostics" && !exported.contains(first) {
            reaching_in.push(path);
        }
    }
    assert!(
        !exported.is_empty() && reaching_in.is_empty(),
        "main.rs reaches past lib.rs's exports {exported:?}: {reaching_in:?}"
    );
}
