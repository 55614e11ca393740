//! The local backend of the browser editor (Decap CMS's "proxy" protocol,
//! as `decap-server` speaks it; see docs/research/cms-local-backend.md):
//! one `POST` of JSON `{action, params}` reads or writes the site's files,
//! so editing in the browser on the editor's computer writes the same
//! Markdown files a text editor would, and the watch server rebuilds.
//!
//! Invariant: only files under `content/` and `static/` are read, written
//! or deleted: a path is refused before any disk access unless it is
//! relative, plain (no `..`, `.`, empty part, backslash or NUL) and starts
//! there, and the existing part of it must resolve (symbolic links
//! followed) inside the site folder. Requests are checked for their origin
//! and per-run token by the HTTP layer before they get here.

use std::path::{Component, Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::{Value, json};

/// The folders the editor may touch.
const EDITABLE: [&str; 2] = ["content", "static"];

/// The largest request body: media arrive base64-encoded inside the JSON.
pub const BODY_LIMIT: usize = 32 * 1024 * 1024;

/// One request, by its `action`.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", content = "params", rename_all = "camelCase")]
pub enum CmsRequest {
    Info,
    EntriesByFolder {
        folder: String,
        extension: String,
        depth: usize,
    },
    EntriesByFiles {
        files: Vec<FileRequest>,
    },
    GetEntry {
        path: String,
    },
    PersistEntry {
        #[serde(rename = "dataFiles", default)]
        data_files: Vec<DataFile>,
        entry: Option<DataFile>,
        #[serde(default)]
        assets: Vec<Asset>,
    },
    GetMedia {
        #[serde(rename = "mediaFolder")]
        media_folder: String,
    },
    GetMediaFile {
        path: String,
    },
    PersistMedia {
        asset: Asset,
    },
    DeleteFile {
        path: String,
    },
    DeleteFiles {
        paths: Vec<String>,
    },
    GetDeployPreview {},
}

#[derive(Debug, Deserialize)]
pub struct FileRequest {
    path: String,
    label: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DataFile {
    path: String,
    raw: String,
    #[serde(rename = "newPath")]
    new_path: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Asset {
    path: String,
    content: String,
    encoding: Option<String>,
}

/// What went wrong, as the protocol reports it: 422 for a request that
/// cannot be done, 500 for a failure while doing it.
#[derive(Debug, PartialEq, Eq)]
pub struct CmsError {
    pub status: u16,
    pub message: String,
}

impl CmsError {
    fn refused(message: impl Into<String>) -> Self {
        Self {
            status: 422,
            message: message.into(),
        }
    }

    fn failed(path: &Path, error: &std::io::Error) -> Self {
        Self {
            status: 500,
            message: format!("{}: {error}", path.display()),
        }
    }

    /// The response body: `{"error": "..."}`.
    pub fn body(&self) -> Value {
        json!({ "error": self.message })
    }
}

/// The site's own check, run after a save with the saved files in place:
/// the errors it finds in the files named, each as one line for the editor.
pub type SaveCheck<'a> = &'a dyn Fn(&[String]) -> Vec<String>;

/// Does one request against the site folder `root`; a saved entry must
/// pass `check`, or it is put back as it was and the errors are the answer.
pub fn handle(root: &Path, body: &[u8], check: SaveCheck<'_>) -> Result<Value, CmsError> {
    let request: CmsRequest = serde_json::from_slice(body)
        .map_err(|error| CmsError::refused(format!("not a request this server knows: {error}")))?;
    match request {
        CmsRequest::Info => Ok(info(root)),
        CmsRequest::EntriesByFolder {
            folder,
            extension,
            depth,
        } => entries_by_folder(root, &folder, &extension, depth),
        CmsRequest::EntriesByFiles { files } => files
            .iter()
            .map(|file| entry(root, &file.path, file.label.as_deref()))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::from),
        CmsRequest::GetEntry { path } => entry(root, &path, None),
        CmsRequest::PersistEntry {
            data_files,
            entry,
            assets,
        } => persist_entry(
            root,
            data_files.into_iter().chain(entry).collect(),
            &assets,
            check,
        ),
        CmsRequest::GetMedia { media_folder } => media_in(root, &media_folder),
        CmsRequest::GetMediaFile { path } => media_file(root, &path),
        CmsRequest::PersistMedia { asset } => {
            write_asset(root, &asset)?;
            media_file(root, &asset.path)
        }
        CmsRequest::DeleteFile { path } => delete(root, &[path]),
        CmsRequest::DeleteFiles { paths } => delete(root, &paths),
        CmsRequest::GetDeployPreview {} => Ok(Value::Null),
    }
}

fn info(root: &Path) -> Value {
    let repo = root
        .canonicalize()
        .ok()
        .and_then(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "site".to_string());
    json!({ "repo": repo, "publish_modes": ["simple"], "type": "local_fs" })
}

/// `path` (as the CMS writes it: relative, `/`-separated) on disk, if it
/// is one the editor may touch.
pub fn editable_path(root: &Path, path: &str) -> Result<PathBuf, CmsError> {
    let refused = || {
        CmsError::refused(format!(
            "'{}' is not a file under content/ or static/",
            path.escape_debug()
        ))
    };
    let plain = !path.is_empty()
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    let first = path.split('/').next().unwrap_or_default();
    if !plain || !EDITABLE.contains(&first) || Path::new(path).is_absolute() {
        return Err(refused());
    }
    let relative = Path::new(path);
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_)))
    {
        return Err(refused());
    }
    let full = root.join(relative);
    // The part that exists must stay inside the site once links are
    // followed: a link in content/ to /etc is not a way out.
    let site = root
        .canonicalize()
        .map_err(|error| CmsError::failed(root, &error))?;
    let mut existing = full.as_path();
    while !existing.exists() {
        existing = existing.parent().ok_or_else(refused)?;
    }
    let resolved = existing
        .canonicalize()
        .map_err(|error| CmsError::failed(existing, &error))?;
    let allowed = EDITABLE
        .iter()
        .any(|folder| resolved.starts_with(site.join(folder)))
        || resolved == site;
    if !allowed {
        return Err(refused());
    }
    Ok(full)
}

fn entry(root: &Path, path: &str, label: Option<&str>) -> Result<Value, CmsError> {
    let full = editable_path(root, path)?;
    let mut file = json!({ "path": path, "id": Value::Null });
    if let Some(label) = label {
        file["label"] = label.into();
    }
    match std::fs::read(&full) {
        Ok(bytes) => {
            file["id"] = content_id(&bytes).into();
            Ok(json!({ "data": String::from_utf8_lossy(&bytes), "file": file }))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(json!({ "data": Value::Null, "file": file }))
        }
        Err(error) => Err(CmsError::failed(&full, &error)),
    }
}

fn entries_by_folder(
    root: &Path,
    folder: &str,
    extension: &str,
    depth: usize,
) -> Result<Value, CmsError> {
    let full = editable_path(root, folder)?;
    let suffix = format!(".{}", extension.trim_start_matches('.'));
    let mut paths = Vec::new();
    for walked in walkdir::WalkDir::new(&full)
        .min_depth(1)
        .max_depth(depth.clamp(1, 8))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|walked| walked.file_type().is_file())
    {
        // Every file with the extension, as decap-server lists them: the
        // editor's script (render/assets/cms-admin.js) keeps the entries.
        if !walked.file_name().to_string_lossy().ends_with(&suffix) {
            continue;
        }
        if let Ok(relative) = walked.path().strip_prefix(root) {
            paths.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    paths
        .iter()
        .map(|path| entry(root, path, None))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::from)
}

fn persist_entry(
    root: &Path,
    data_files: Vec<DataFile>,
    assets: &[Asset],
    check: SaveCheck<'_>,
) -> Result<Value, CmsError> {
    if data_files.is_empty() {
        return Err(CmsError::refused("persistEntry needs dataFiles"));
    }
    // Every path is checked before anything is written.
    for file in &data_files {
        editable_path(root, &file.path)?;
        if let Some(new_path) = &file.new_path {
            editable_path(root, new_path)?;
        }
    }
    let written: Vec<&str> = data_files
        .iter()
        .map(|file| file.path.as_str())
        .chain(assets.iter().map(|asset| asset.path.as_str()))
        .collect();
    let before = Snapshot::take(root, &written)?;
    let saved = write_entry(root, &data_files, assets).and_then(|()| {
        let pages: Vec<String> = data_files.iter().map(|file| file.path.clone()).collect();
        let errors = check(&pages);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(CmsError::refused(format!(
                "Not saved: reportsite found a problem in this page. {}",
                errors.join(" ")
            )))
        }
    });
    if let Err(error) = saved {
        before.put_back(root);
        return Err(error);
    }
    if data_files.iter().all(|file| file.new_path.is_some()) {
        for file in &data_files {
            if let Some(new_path) = &file.new_path {
                rename(root, &file.path, new_path)?;
            }
        }
    }
    Ok(json!({ "message": "entry persisted" }))
}

fn write_entry(root: &Path, data_files: &[DataFile], assets: &[Asset]) -> Result<(), CmsError> {
    for file in data_files {
        write_file(root, &file.path, file.raw.as_bytes())?;
    }
    for asset in assets {
        write_asset(root, asset)?;
    }
    Ok(())
}

/// The files a save is about to write, as they were: their bytes, or that
/// they (and which of their folders) did not exist, so a save the check
/// refuses leaves the site exactly as it found it.
struct Snapshot {
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
    new_folders: Vec<PathBuf>,
}

impl Snapshot {
    fn take(root: &Path, paths: &[&str]) -> Result<Self, CmsError> {
        let mut snapshot = Self {
            files: Vec::new(),
            new_folders: Vec::new(),
        };
        for path in paths {
            let full = editable_path(root, path)?;
            let mut folder = full.parent();
            while let Some(missing) = folder.filter(|folder| !folder.exists()) {
                if !snapshot.new_folders.iter().any(|known| known == missing) {
                    snapshot.new_folders.push(missing.to_path_buf());
                }
                folder = missing.parent();
            }
            let bytes = std::fs::read(&full).ok();
            snapshot.files.push((full, bytes));
        }
        // Deepest first, so each is empty when its turn comes.
        snapshot
            .new_folders
            .sort_by_key(|folder| std::cmp::Reverse(folder.components().count()));
        Ok(snapshot)
    }

    /// Best effort: what cannot be put back stays as the save left it.
    fn put_back(&self, root: &Path) {
        for (full, bytes) in &self.files {
            let _ = match bytes {
                Some(bytes) => std::fs::write(full, bytes),
                None => std::fs::remove_file(full),
            };
        }
        for folder in &self.new_folders {
            if folder.starts_with(root) {
                let _ = std::fs::remove_dir(folder);
            }
        }
    }
}

fn write_asset(root: &Path, asset: &Asset) -> Result<(), CmsError> {
    if asset
        .encoding
        .as_deref()
        .is_some_and(|encoding| encoding != "base64")
    {
        return Err(CmsError::refused("media must be base64-encoded"));
    }
    let bytes = BASE64
        .decode(asset.content.as_bytes())
        .map_err(|error| CmsError::refused(format!("media content is not base64: {error}")))?;
    write_file(root, &asset.path, &bytes)
}

fn write_file(root: &Path, path: &str, bytes: &[u8]) -> Result<(), CmsError> {
    let full = editable_path(root, path)?;
    if let Some(folder) = full.parent() {
        std::fs::create_dir_all(folder).map_err(|error| CmsError::failed(folder, &error))?;
    }
    // Written beside and renamed, so the watch server never reads half a file.
    let partial = full.with_extension("reportsite-partial");
    std::fs::write(&partial, bytes).map_err(|error| CmsError::failed(&partial, &error))?;
    std::fs::rename(&partial, &full).map_err(|error| CmsError::failed(&full, &error))
}

fn rename(root: &Path, from: &str, to: &str) -> Result<(), CmsError> {
    let (from, to) = (editable_path(root, from)?, editable_path(root, to)?);
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder).map_err(|error| CmsError::failed(folder, &error))?;
    }
    std::fs::rename(&from, &to).map_err(|error| CmsError::failed(&from, &error))
}

fn media_in(root: &Path, folder: &str) -> Result<Value, CmsError> {
    let full = editable_path(root, folder)?;
    let Ok(entries) = std::fs::read_dir(&full) else {
        return Ok(json!([]));
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".md"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| media_file(root, &format!("{}/{name}", folder.trim_end_matches('/'))))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::from)
}

fn media_file(root: &Path, path: &str) -> Result<Value, CmsError> {
    let full = editable_path(root, path)?;
    let bytes = std::fs::read(&full).map_err(|error| CmsError::failed(&full, &error))?;
    let name = path.rsplit('/').next().unwrap_or(path);
    Ok(json!({
        "id": content_id(&bytes),
        "content": BASE64.encode(&bytes),
        "encoding": "base64",
        "path": path,
        "name": name,
    }))
}

fn delete(root: &Path, paths: &[String]) -> Result<Value, CmsError> {
    let full: Vec<PathBuf> = paths
        .iter()
        .map(|path| editable_path(root, path))
        .collect::<Result<_, _>>()?;
    for path in &full {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(CmsError::failed(path, &error)),
        }
    }
    Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }))
}

/// A file's id: the SHA-256 of its bytes, in hex (as decap-server gives).
fn content_id(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("mysite");
        std::fs::create_dir_all(root.join("content/resources/leaflet")).expect("folders");
        std::fs::write(root.join("site.toml"), "title = \"x\"\n").expect("site.toml");
        std::fs::write(
            root.join("content/resources/_index.md"),
            "+++\ntitle = \"R\"\n+++\n",
        )
        .expect("section");
        std::fs::write(
            root.join("content/resources/leaflet/index.md"),
            "+++\ntitle = \"Leaflet\"\n+++\nText\n",
        )
        .expect("entry");
        std::fs::write(
            root.join("content/resources/leaflet/index.cy.md"),
            "+++\n+++\n",
        )
        .expect("translation");
        (dir, root)
    }

    fn call(root: &Path, request: Value) -> Result<Value, CmsError> {
        handle(root, request.to_string().as_bytes(), &|_| Vec::new())
    }

    #[test]
    fn info_names_the_site_folder() {
        let (_dir, root) = site();
        let info = call(&root, json!({"action": "info"})).expect("info");
        assert_eq!(
            info,
            json!({"repo": "mysite", "publish_modes": ["simple"], "type": "local_fs"})
        );
    }

    #[test]
    fn a_folder_lists_every_page_file_under_it() {
        let (_dir, root) = site();
        let found = call(&root, json!({"action": "entriesByFolder", "params": {"branch": "main", "folder": "content/resources", "extension": "md", "depth": 2}}))
            .expect("entries");
        let paths: Vec<&str> = found
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|entry| entry["file"]["path"].as_str())
            .collect();
        assert_eq!(
            paths,
            [
                "content/resources/_index.md",
                "content/resources/leaflet/index.cy.md",
                "content/resources/leaflet/index.md"
            ]
        );
        assert_eq!(found[2]["data"], "+++\ntitle = \"Leaflet\"\n+++\nText\n");
        assert_eq!(found[2]["file"]["id"].as_str().map(str::len), Some(64));
        let free = call(&root, json!({"action": "getEntry", "params": {"branch": "main", "path": "content/resources/new/index.md"}}))
            .expect("entry");
        assert_eq!(free["data"], Value::Null);
    }

    #[test]
    fn an_entry_with_its_pdf_is_written_into_its_bundle() {
        let (_dir, root) = site();
        let written = call(&root, json!({"action": "persistEntry", "params": {
            "branch": "main",
            "dataFiles": [{"path": "content/resources/new/index.md", "slug": "new/index", "raw": "+++\ntitle = \"New\"\n+++\n"}],
            "assets": [{"path": "content/resources/new/new.pdf", "content": BASE64.encode(b"%PDF-1.4 x"), "encoding": "base64"}],
            "options": {"newEntry": true, "commitMessage": "Create"}
        }}))
        .expect("persisted");
        assert_eq!(written, json!({"message": "entry persisted"}));
        assert_eq!(
            std::fs::read_to_string(root.join("content/resources/new/index.md")).expect("page"),
            "+++\ntitle = \"New\"\n+++\n"
        );
        assert_eq!(
            std::fs::read(root.join("content/resources/new/new.pdf")).expect("pdf"),
            b"%PDF-1.4 x"
        );
        let media = call(&root, json!({"action": "getMedia", "params": {"branch": "main", "mediaFolder": "content/resources/new"}}))
            .expect("media");
        assert_eq!(media[0]["name"], "new.pdf");
    }

    #[test]
    fn a_save_the_check_refuses_leaves_everything_as_it_was() {
        let (_dir, root) = site();
        let refuse = |saved: &[String]| {
            saved
                .iter()
                .map(|path| format!("{path}:2: error[date-quoted]: a date in quotes"))
                .collect()
        };
        let save = |path: &str, raw: &str| {
            handle(
                &root,
                json!({"action": "persistEntry", "params": {
                    "dataFiles": [{"path": path, "raw": raw}],
                    "assets": [{"path": "content/resources/new/new.pdf", "content": BASE64.encode(b"%PDF-1.4 x"), "encoding": "base64"}],
                }})
                .to_string()
                .as_bytes(),
                &refuse,
            )
        };
        let refused = save(
            "content/resources/new/index.md",
            "+++\npublished = \"2025-01-10\"\n+++\n",
        )
        .expect_err("refused");
        assert_eq!(refused.status, 422);
        assert!(
            refused
                .message
                .contains("content/resources/new/index.md:2: error[date-quoted]"),
            "{}",
            refused.message
        );
        assert!(
            !root.join("content/resources/new").exists(),
            "the new bundle is gone"
        );
        save("content/resources/leaflet/index.md", "+++\n+++\nChanged\n").expect_err("refused");
        assert_eq!(
            std::fs::read_to_string(root.join("content/resources/leaflet/index.md")).expect("kept"),
            "+++\ntitle = \"Leaflet\"\n+++\nText\n"
        );
    }

    #[test]
    fn nothing_outside_content_and_static_is_reachable() {
        let (dir, root) = site();
        let outside = dir.path().join("secret.txt");
        std::fs::write(&outside, "secret").expect("write");
        for path in [
            "site.toml",
            "../secret.txt",
            "content/../site.toml",
            "content/./x.md",
            "/etc/passwd",
            "content\\..\\site.toml",
            "content//x.md",
            "",
            "public/index.html",
            ".reportsite/cache",
        ] {
            let read = call(
                &root,
                json!({"action": "getEntry", "params": {"branch": "main", "path": path}}),
            );
            assert_eq!(read.map(|_| ()).map_err(|e| e.status), Err(422), "{path}");
            let write = call(
                &root,
                json!({"action": "persistMedia", "params": {"branch": "main", "asset": {"path": path, "content": "eA==", "encoding": "base64"}}}),
            );
            assert!(write.is_err(), "{path}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), root.join("content/escape")).expect("link");
            let through = call(
                &root,
                json!({"action": "persistMedia", "params": {"branch": "main", "asset": {"path": "content/escape/secret.txt", "content": "eA==", "encoding": "base64"}}}),
            );
            assert_eq!(through.map(|_| ()).map_err(|e| e.status), Err(422));
        }
        assert_eq!(std::fs::read_to_string(&outside).expect("kept"), "secret");
        assert_eq!(
            std::fs::read_to_string(root.join("site.toml")).expect("kept"),
            "title = \"x\"\n"
        );
        let unknown = call(
            &root,
            json!({"action": "publishUnpublishedEntry", "params": {}}),
        );
        assert_eq!(unknown.map(|_| ()).map_err(|e| e.status), Err(422));
    }
}
