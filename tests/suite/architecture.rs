//! The house's shape, checked on every test run: each module of `src/`
//! imports only modules in lower layers of the table in ARCHITECTURE.md,
//! and no files import each other in a circle. The source is read with
//! syn, so a new module or a new import is checked the day it is written.
//! Test-only code (`#[cfg(test)]` items, `src/fuzz/`) may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use syn::visit::Visit;

/// A source file: its module path (`["links", "resolve"]`; empty for the
/// crate root) and its text.
struct SourceFile {
    module: Vec<String>,
    text: String,
}

/// Every `crate::`, `super::` and `self::` path a file names, resolved to
/// a module path, and the file it lands in.
struct Imports {
    /// file module → the file modules it imports.
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

#[test]
fn modules_import_only_lower_layers_and_files_form_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = read_sources(&root.join("src"));
    let architecture =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let layers = layer_table(&architecture);
    let imports = imports_of(&files);
    let mut problems = unplaced_modules(&files, &layers);
    problems.extend(upward_imports(&imports, &layers));
    problems.extend(circles(&imports));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_check_finds_an_upward_import_and_a_circle() {
    let file = |module: &[&str], text: &str| SourceFile {
        module: module.iter().map(|part| (*part).to_string()).collect(),
        text: text.to_string(),
    };
    let files = [
        file(&["low"], "use crate::high::Thing;"),
        file(&["high"], "use crate::low::Other;"),
        file(&["high", "a"], "use super::b::B;"),
        file(&["high", "b"], "fn f() { crate::high::a::run(); }"),
        file(
            &["low", "tested"],
            "#[cfg(test)] mod tests { use crate::high::X; }",
        ),
    ];
    let layers = layer_table("| 1 | `low` | nothing |\n| 2 | `high` | 1 |\n");
    let imports = imports_of(&files);
    let upward = upward_imports(&imports, &layers);
    assert_eq!(upward.len(), 1, "{upward:?}");
    assert!(
        upward[0].starts_with("src/low/mod.rs imports high"),
        "{upward:?}"
    );
    let found = circles(&imports);
    assert!(
        found
            .iter()
            .any(|circle| circle.contains("src/high/a.rs") && circle.contains("src/high/b.rs")),
        "{found:?}"
    );
}

/// Layer number of each module, from the rows `| N | `a`, `b` | … |` of
/// ARCHITECTURE.md's layer table.
fn layer_table(markdown: &str) -> BTreeMap<String, usize> {
    let mut layers = BTreeMap::new();
    for line in markdown.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(number), Some(modules)) = (cells.get(1), cells.get(2)) else {
            continue;
        };
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        for name in modules.split('`').skip(1).step_by(2) {
            layers.insert(name.to_string(), number);
        }
    }
    layers
}

fn read_sources(src: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("a readable src/ entry");
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).expect("under src/");
        let mut module: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        if matches!(
            module.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            module.pop();
        }
        if module.first().is_some_and(|top| top == "fuzz") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("a readable source file");
        files.push(SourceFile { module, text });
    }
    files
}

fn file_name(module: &[String], known: &BTreeSet<Vec<String>>) -> String {
    if module.is_empty() {
        return "src/lib.rs".to_string();
    }
    let has_children = known
        .iter()
        .any(|other| other.len() > module.len() && other.starts_with(module));
    match has_children {
        true => format!("src/{}/mod.rs", module.join("/")),
        false => format!("src/{}.rs", module.join("/")),
    }
}

/// Every module in `src/` has a row in the layer table.
fn unplaced_modules(files: &[SourceFile], layers: &BTreeMap<String, usize>) -> Vec<String> {
    let tops: BTreeSet<&String> = files
        .iter()
        .filter_map(|file| file.module.first())
        .collect();
    tops.into_iter()
        .filter(|top| !layers.contains_key(*top))
        .map(|top| format!("the module `{top}` has no row in ARCHITECTURE.md's layer table"))
        .collect()
}

fn upward_imports(imports: &Imports, layers: &BTreeMap<String, usize>) -> Vec<String> {
    let known: BTreeSet<Vec<String>> = imports.edges.keys().cloned().collect();
    let mut problems = Vec::new();
    for (from, targets) in &imports.edges {
        let Some(from_top) = from.first() else {
            continue;
        };
        for target in targets {
            let Some(to_top) = target.first() else {
                continue;
            };
            if to_top == from_top {
                continue;
            }
            let (Some(&from_layer), Some(&to_layer)) = (layers.get(from_top), layers.get(to_top))
            else {
                continue;
            };
            if to_layer >= from_layer {
                problems.push(format!(
                    "{} imports {to_top} (layer {to_layer}), which is not below {from_top} (layer {from_layer})",
                    file_name(from, &known)
                ));
            }
        }
    }
    problems
}

/// Files that import each other in a loop, each loop once.
fn circles(imports: &Imports) -> Vec<String> {
    let known: BTreeSet<Vec<String>> = imports.edges.keys().cloned().collect();
    let mut found = BTreeSet::new();
    for start in imports.edges.keys() {
        if let Some(mut path) = path_back(imports, start) {
            path.sort();
            let names: Vec<String> = path.iter().map(|m| file_name(m, &known)).collect();
            found.insert(format!("import circle: {}", names.join(" <-> ")));
        }
    }
    found.into_iter().collect()
}

/// The files on a path from `start` back to itself, if there is one.
fn path_back(imports: &Imports, start: &Vec<String>) -> Option<Vec<Vec<String>>> {
    let mut came_from: BTreeMap<&Vec<String>, &Vec<String>> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for next in imports.edges.get(at).into_iter().flatten() {
            if next == start {
                let mut path = vec![start.clone()];
                let mut step = at;
                while step != start {
                    path.push(step.clone());
                    step = came_from[step];
                }
                return Some(path);
            }
            if !came_from.contains_key(next) && imports.edges.contains_key(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

fn imports_of(files: &[SourceFile]) -> Imports {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|file| file.module.clone()).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in files {
        let syntax = syn::parse_file(&file.text).expect("src/ parses");
        let mut collector = PathCollector {
            scope: file.module.clone(),
            file_depth: file.module.len(),
            paths: Vec::new(),
        };
        collector.visit_file(&syntax);
        let targets = edges.entry(file.module.clone()).or_default();
        for path in collector.paths {
            if let Some(target) = file_of(&path, &modules)
                && target != file.module
            {
                targets.insert(target);
            }
        }
    }
    Imports { edges }
}

/// The longest prefix of `path` that is a file's module.
fn file_of(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|length| path[..length].to_vec())
        .find(|prefix| modules.contains(prefix))
}

/// Collects every path that starts at `crate`, `super` or `self`, made
/// absolute; skips `#[cfg(test)]` items.
struct PathCollector {
    /// The module the visitor is in: the file's, then inline `mod`s.
    scope: Vec<String>,
    file_depth: usize,
    paths: Vec<Vec<String>>,
}

impl PathCollector {
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut scope = self.scope.clone();
        let mut rest = segments;
        match segments.first().map(String::as_str) {
            Some("crate") => {
                scope.clear();
                rest = &segments[1..];
            }
            Some("self") => rest = &segments[1..],
            Some("super") => {
                while rest.first().is_some_and(|part| part == "super") {
                    scope.pop()?;
                    rest = &rest[1..];
                }
            }
            _ => return None,
        }
        scope.extend(rest.iter().cloned());
        // A path into the file's own inline modules stays in the file.
        (scope.len() >= self.file_depth || !scope.starts_with(&self.scope[..self.file_depth]))
            .then_some(scope)
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => self.add(prefix, Some(&name.ident)),
            syn::UseTree::Rename(rename) => self.add(prefix, Some(&rename.ident)),
            syn::UseTree::Glob(_) => self.add(prefix, None),
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    fn add(&mut self, prefix: &[String], last: Option<&syn::Ident>) {
        let mut segments = prefix.to_vec();
        segments.extend(last.map(ToString::to_string).filter(|name| name != "self"));
        if let Some(path) = self.absolute(&segments) {
            self.paths.push(path);
        }
    }
}

fn is_test_only(attributes: &[syn::Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg")
            && attribute
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attributes = match item {
            syn::Item::Mod(item) => &item.attrs,
            syn::Item::Fn(item) => &item.attrs,
            syn::Item::Use(item) => &item.attrs,
            syn::Item::Impl(item) => &item.attrs,
            syn::Item::Struct(item) => &item.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test_only(attributes) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.scope.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.scope.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        if let Some(absolute) = self.absolute(&segments) {
            self.paths.push(absolute);
        }
        syn::visit::visit_path(self, path);
    }
}
