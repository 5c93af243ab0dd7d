//! An in-memory file system with owners and modes: the host's files, and later build
//! contexts, container layers and volumes.
//!
//! Paths are absolute and normalised (`/home/learner/app`); entries live in a `BTreeMap`,
//! so listings come out sorted and never depend on hash order.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::SimTime;

/// A user or group id.
pub type Id = u32;

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A regular file and its contents (shared, since images and layers copy files often).
    File(Rc<str>),
    Dir,
    /// A symbolic link and its target, as written.
    Symlink(String),
}

/// A file, directory or link with its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Permission bits, such as `0o755`, plus the sticky bit `0o1000` for `/tmp`.
    pub mode: u32,
    pub uid: Id,
    pub gid: Id,
    pub mtime: SimTime,
}

impl Entry {
    pub fn dir(mode: u32, uid: Id, gid: Id, mtime: SimTime) -> Entry {
        Entry { kind: Kind::Dir, mode, uid, gid, mtime }
    }

    pub fn file(contents: &str, mode: u32, uid: Id, gid: Id, mtime: SimTime) -> Entry {
        Entry { kind: Kind::File(Rc::from(contents)), mode, uid, gid, mtime }
    }

    pub fn is_dir(&self) -> bool {
        matches!(self.kind, Kind::Dir)
    }

    /// The size `ls -l` shows: the contents' bytes, 4096 for a directory, the target's length
    /// for a link.
    pub fn size(&self) -> u64 {
        match &self.kind {
            Kind::File(contents) => contents.len() as u64,
            Kind::Dir => 4096,
            Kind::Symlink(target) => target.len() as u64,
        }
    }

    /// The contents of a regular file.
    pub fn contents(&self) -> Option<&str> {
        match &self.kind {
            Kind::File(contents) => Some(contents),
            _ => None,
        }
    }
}

/// Why a file operation failed, with the text that `strerror` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotADirectory,
    IsADirectory,
    Exists,
    NotEmpty,
    PermissionDenied,
    /// EPERM: what only root may do (giving a file away).
    NotPermitted,
    /// Moving a directory into itself.
    InvalidArgument,
    ReadOnly,
    /// Too many symbolic links in a row (ELOOP).
    Loop,
}

impl FsError {
    /// The C library's message, as coreutils print it after the file name.
    pub fn message(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::PermissionDenied => "Permission denied",
            FsError::NotPermitted => "Operation not permitted",
            FsError::InvalidArgument => "Invalid argument",
            FsError::ReadOnly => "Read-only file system",
            FsError::Loop => "Too many levels of symbolic links",
        }
    }
}

/// Who is asking, for permission checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    pub uid: Id,
    pub gid: Id,
}

impl User {
    pub const ROOT: User = User { uid: 0, gid: 0 };
}

/// Resolves `path` against `cwd` and normalises `.`, `..` and repeated slashes.
pub fn absolute(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The parent of a normalised absolute path (`/` is its own parent).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(index) => &path[..index],
    }
}

/// The last component of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A whole file system tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fs {
    entries: BTreeMap<String, Entry>,
    /// Mount points, each read-only or not: the deepest one containing a path decides
    /// whether it can be changed (`--read-only`, `-v data:/data:ro`).
    mounts: Vec<(String, bool)>,
}

/// A subtree taken out of a file system: paths relative to its root (`""` is the root).
pub type Subtree = Vec<(String, Entry)>;

impl Default for Fs {
    fn default() -> Fs {
        Fs::new(0)
    }
}

impl Fs {
    /// An empty tree: only `/`, owned by root.
    pub fn new(mtime: SimTime) -> Fs {
        let mut entries = BTreeMap::new();
        entries.insert("/".to_string(), Entry::dir(0o755, 0, 0, mtime));
        Fs { entries, mounts: Vec::new() }
    }

    /// Marks `path` and everything below it read-only or writable (deeper marks win).
    pub fn set_read_only(&mut self, path: &str, read_only: bool) {
        self.mounts.retain(|(existing, _)| existing != path);
        self.mounts.push((path.to_string(), read_only));
    }

    /// Forgets every read-only mark (when a container's mounts come apart).
    pub fn clear_read_only(&mut self) {
        self.mounts.clear();
    }

    /// Whether `path` lies in a read-only region.
    pub fn is_read_only(&self, path: &str) -> bool {
        self.mounts
            .iter()
            .filter(|(mount, _)| mount == "/" || path == mount || path.starts_with(&format!("{mount}/")))
            .max_by_key(|(mount, _)| mount.len())
            .is_some_and(|(_, read_only)| *read_only)
    }

    fn check_writable(&self, path: &str) -> Result<(), FsError> {
        if self.is_read_only(path) { Err(FsError::ReadOnly) } else { Ok(()) }
    }

    /// Takes the subtree at `path` out of the tree (the path itself included).
    pub fn extract(&mut self, path: &str) -> Subtree {
        let paths = self.tree(path);
        paths.into_iter().map(|full| {
            let entry = self.entries.remove(&full).expect("listed by tree");
            (relative_to(path, &full), entry)
        }).collect()
    }

    /// A copy of the subtree at `path`.
    pub fn subtree(&self, path: &str) -> Subtree {
        self.tree(path).into_iter().map(|full| (relative_to(path, &full), self.entries[&full].clone())).collect()
    }

    /// Puts a subtree at `path`, replacing what is there; missing parents are created.
    pub fn graft(&mut self, path: &str, subtree: Subtree) {
        for old in self.tree(path) {
            self.entries.remove(&old);
        }
        let root = if path == "/" { "" } else { path };
        for (relative, entry) in subtree {
            let full = if relative.is_empty() { path.to_string() } else { format!("{root}{relative}") };
            self.put(&full, entry);
        }
    }

    /// The entry at a normalised absolute path, without following a final link.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// The entry at `path`, following symbolic links (up to 40, as Linux does).
    pub fn resolve(&self, path: &str) -> Result<(String, &Entry), FsError> {
        let mut path = path.to_string();
        for _ in 0..40 {
            let entry = self.lookup(&path)?;
            match &entry.kind {
                Kind::Symlink(target) => path = absolute(parent(&path), target),
                _ => return Ok((path, entry)),
            }
        }
        Err(FsError::Loop)
    }

    /// Looks an entry up, telling a missing file from a path through a non-directory.
    fn lookup(&self, path: &str) -> Result<&Entry, FsError> {
        if let Some(entry) = self.entries.get(path) {
            return Ok(entry);
        }
        let mut ancestor = parent(path);
        loop {
            match self.entries.get(ancestor) {
                Some(entry) if !entry.is_dir() && !matches!(entry.kind, Kind::Symlink(_)) => return Err(FsError::NotADirectory),
                Some(_) => return Err(FsError::NotFound),
                None if ancestor == "/" => return Err(FsError::NotFound),
                None => ancestor = parent(ancestor),
            }
        }
    }

    /// The names in a directory, sorted bytewise (as `ls` sorts in the C.UTF-8 locale).
    pub fn list(&self, dir: &str) -> Result<Vec<String>, FsError> {
        let (dir, entry) = self.resolve(dir)?;
        if !entry.is_dir() {
            return Err(FsError::NotADirectory);
        }
        let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
        Ok(self
            .entries
            .range(prefix.clone()..)
            .take_while(|(path, _)| path.starts_with(&prefix))
            .filter(|(path, _)| path.len() > prefix.len() && !path[prefix.len()..].contains('/'))
            .map(|(path, _)| path[prefix.len()..].to_string())
            .collect())
    }

    /// Every path at or below `path`, parents first.
    pub fn tree(&self, path: &str) -> Vec<String> {
        let prefix = if path == "/" { "/".to_string() } else { format!("{path}/") };
        let mut paths: Vec<String> = self.entries.get(path).map(|_| path.to_string()).into_iter().collect();
        paths.extend(self.entries.range(prefix.clone()..).take_while(|(key, _)| key.starts_with(&prefix)).map(|(key, _)| key.clone()));
        paths
    }

    fn may_write_in(&self, dir: &Entry, user: User) -> bool {
        user.uid == 0 || permits(dir, user, 0o2)
    }

    /// Checks that `user` may create or remove entries in the parent of `path`.
    fn check_parent(&self, path: &str, user: User) -> Result<(), FsError> {
        let (_, dir) = self.resolve(parent(path))?;
        if !dir.is_dir() {
            return Err(FsError::NotADirectory);
        }
        if !self.may_write_in(dir, user) {
            return Err(FsError::PermissionDenied);
        }
        Ok(())
    }

    /// Reads a regular file's contents as `user`.
    pub fn read(&self, path: &str, user: User) -> Result<Rc<str>, FsError> {
        let (_, entry) = self.resolve(path)?;
        match &entry.kind {
            Kind::File(contents) if user.uid == 0 || permits(entry, user, 0o4) => Ok(contents.clone()),
            Kind::File(_) => Err(FsError::PermissionDenied),
            _ => Err(FsError::IsADirectory),
        }
    }

    /// Writes (creates or replaces) a file's contents as `user`; `append` adds to the end.
    pub fn write(&mut self, path: &str, contents: &str, append: bool, user: User, now: SimTime) -> Result<(), FsError> {
        let target = match self.resolve(path) {
            Ok((target, _)) => target,
            Err(FsError::NotFound) => path.to_string(),
            Err(error) => return Err(error),
        };
        if self.entries.contains_key(&target) || self.resolve(parent(&target)).is_ok() {
            self.check_writable(&target)?;
        }
        match self.entries.get(&target) {
            Some(entry) if entry.is_dir() => Err(FsError::IsADirectory),
            Some(entry) => {
                if user.uid != 0 && !permits(entry, user, 0o2) {
                    return Err(FsError::PermissionDenied);
                }
                let mut entry = entry.clone();
                let new_contents = match (&entry.kind, append) {
                    (Kind::File(old), true) => format!("{old}{contents}"),
                    _ => contents.to_string(),
                };
                entry.kind = Kind::File(Rc::from(new_contents));
                entry.mtime = now;
                self.entries.insert(target, entry);
                Ok(())
            }
            None => {
                self.check_parent(&target, user)?;
                self.entries.insert(target, Entry::file(contents, 0o644, user.uid, user.gid, now));
                Ok(())
            }
        }
    }

    /// Sets an entry outright, creating missing parent directories owned by root. For
    /// building scenarios and images, not for learner commands.
    pub fn put(&mut self, path: &str, entry: Entry) {
        let mut ancestors = Vec::new();
        let mut ancestor = parent(path);
        while ancestor != "/" && !self.entries.contains_key(ancestor) {
            ancestors.push(ancestor.to_string());
            ancestor = parent(ancestor);
        }
        for dir in ancestors.into_iter().rev() {
            self.entries.insert(dir, Entry::dir(0o755, 0, 0, entry.mtime));
        }
        self.entries.insert(path.to_string(), entry);
    }

    /// Creates one directory as `user`.
    pub fn mkdir(&mut self, path: &str, user: User, now: SimTime) -> Result<(), FsError> {
        if self.entries.contains_key(path) {
            return Err(FsError::Exists);
        }
        self.check_parent(path, user)?;
        self.check_writable(path)?;
        self.entries.insert(path.to_string(), Entry::dir(0o755, user.uid, user.gid, now));
        Ok(())
    }

    /// Removes a file or link (not a directory) as `user`.
    pub fn unlink(&mut self, path: &str, user: User) -> Result<(), FsError> {
        let entry = self.lookup(path)?;
        if entry.is_dir() {
            return Err(FsError::IsADirectory);
        }
        self.check_parent(path, user)?;
        self.check_writable(path)?;
        self.entries.remove(path);
        Ok(())
    }

    /// Removes an empty directory as `user`.
    pub fn rmdir(&mut self, path: &str, user: User) -> Result<(), FsError> {
        let entry = self.lookup(path)?;
        if !entry.is_dir() {
            return Err(FsError::NotADirectory);
        }
        if !self.list(path)?.is_empty() {
            return Err(FsError::NotEmpty);
        }
        if path == "/" {
            return Err(FsError::PermissionDenied);
        }
        self.check_parent(path, user)?;
        self.check_writable(path)?;
        self.entries.remove(path);
        Ok(())
    }

    /// Moves `from` to `to` (both normalised), with everything below it.
    pub fn rename(&mut self, from: &str, to: &str, user: User) -> Result<(), FsError> {
        self.lookup(from)?;
        if to == from {
            return Ok(());
        }
        if to.starts_with(&format!("{from}/")) {
            return Err(FsError::InvalidArgument);
        }
        self.check_parent(from, user)?;
        self.check_parent(to, user)?;
        self.check_writable(from)?;
        self.check_writable(to)?;
        if let Some(existing) = self.entries.get(to)
            && existing.is_dir() && !self.list(to)?.is_empty() {
                return Err(FsError::NotEmpty);
            }
        for old in self.tree(to) {
            self.entries.remove(&old);
        }
        for old in self.tree(from) {
            let entry = self.entries.remove(&old).expect("listed by tree");
            let new = format!("{to}{}", &old[from.len()..]);
            self.entries.insert(new, entry);
        }
        Ok(())
    }

    /// Changes a file's modification time (for `touch`).
    pub fn touch(&mut self, path: &str, now: SimTime) {
        if let Some(entry) = self.entries.get_mut(path) {
            entry.mtime = now;
        }
    }

    /// How many entries the tree holds (for bounds and benchmarks).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() <= 1
    }
}

/// A path below `root` as a subtree names it: `""` for the root itself, `/a/b` below it.
fn relative_to(root: &str, full: &str) -> String {
    if root == "/" {
        if full == "/" { String::new() } else { full.to_string() }
    } else {
        full[root.len()..].to_string()
    }
}

/// Whether `entry`'s mode grants `bits` (4 read, 2 write, 1 execute) to `user`.
pub fn permits(entry: &Entry, user: User, bits: u32) -> bool {
    let shift = if user.uid == entry.uid {
        6
    } else if user.gid == entry.gid {
        3
    } else {
        0
    };
    (entry.mode >> shift) & bits == bits
}

/// The mode as `ls -l` prints it: `drwxr-xr-x`, `-rw-r--r--`, `drwxrwxrwt`.
pub fn mode_string(entry: &Entry) -> String {
    let kind = match entry.kind {
        Kind::Dir => 'd',
        Kind::Symlink(_) => 'l',
        Kind::File(_) => '-',
    };
    let mut text = String::from(kind);
    for (shift, special) in [(6, 0o4000), (3, 0o2000), (0, 0o1000)] {
        let bits = (entry.mode >> shift) & 7;
        text.push(if bits & 4 != 0 { 'r' } else { '-' });
        text.push(if bits & 2 != 0 { 'w' } else { '-' });
        let execute = bits & 1 != 0;
        let set = entry.mode & special != 0;
        text.push(match (shift, set, execute) {
            (0, true, true) => 't',
            (0, true, false) => 'T',
            (_, true, true) => 's',
            (_, true, false) => 'S',
            (_, false, true) => 'x',
            (_, false, false) => '-',
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEARNER: User = User { uid: 1000, gid: 1000 };

    fn home() -> Fs {
        let mut fs = Fs::new(0);
        fs.put("/home/learner", Entry::dir(0o755, 1000, 1000, 0));
        fs.put("/etc/hostname", Entry::file("dockside\n", 0o644, 0, 0, 0));
        fs.put("/tmp", Entry::dir(0o1777, 0, 0, 0));
        fs
    }

    #[test]
    fn paths_normalise_like_the_kernel() {
        assert_eq!(absolute("/home/learner", "app/../x/./y"), "/home/learner/x/y");
        assert_eq!(absolute("/home/learner", "/../.."), "/");
        assert_eq!(absolute("/", "a//b/"), "/a/b");
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(file_name("/a/b"), "b");
    }

    #[test]
    fn writes_reads_and_permissions() {
        let mut fs = home();
        fs.write("/home/learner/notes", "one\n", false, LEARNER, 5).unwrap();
        fs.write("/home/learner/notes", "two\n", true, LEARNER, 6).unwrap();
        assert_eq!(&*fs.read("/home/learner/notes", LEARNER).unwrap(), "one\ntwo\n");
        assert_eq!(fs.get("/home/learner/notes").unwrap().uid, 1000);
        assert_eq!(fs.write("/etc/passwd", "x", false, LEARNER, 0), Err(FsError::PermissionDenied));
        assert_eq!(fs.write("/etc/hostname", "x", false, LEARNER, 0), Err(FsError::PermissionDenied));
        assert_eq!(fs.write("/etc/hostname", "x\n", false, User::ROOT, 0), Ok(()));
        assert_eq!(fs.read("/nope", LEARNER), Err(FsError::NotFound));
        assert_eq!(fs.read("/etc", LEARNER), Err(FsError::IsADirectory));
        assert_eq!(fs.read("/etc/hostname/x", LEARNER), Err(FsError::NotADirectory));
        assert!(fs.write("/tmp/scratch", "", false, LEARNER, 0).is_ok(), "/tmp is world-writable");
    }

    #[test]
    fn directories_list_sorted_and_move_whole() {
        let mut fs = home();
        for name in ["b", "a", "C"] {
            fs.mkdir(&format!("/home/learner/{name}"), LEARNER, 0).unwrap();
        }
        fs.write("/home/learner/a/f", "x", false, LEARNER, 0).unwrap();
        assert_eq!(fs.list("/home/learner").unwrap(), ["C", "a", "b"]);
        assert_eq!(fs.mkdir("/home/learner/a", LEARNER, 0), Err(FsError::Exists));
        assert_eq!(fs.rmdir("/home/learner/a", LEARNER), Err(FsError::NotEmpty));
        fs.rename("/home/learner/a", "/home/learner/z", LEARNER).unwrap();
        assert_eq!(fs.list("/home/learner/z").unwrap(), ["f"]);
        assert_eq!(fs.rename("/home/learner/z", "/home/learner/z/in", LEARNER), Err(FsError::InvalidArgument));
        assert_eq!(fs.list("/").unwrap(), ["etc", "home", "tmp"]);
    }

    #[test]
    fn symlinks_resolve_and_loops_end() {
        let mut fs = home();
        fs.put("/bin", Entry { kind: Kind::Symlink("usr/bin".into()), mode: 0o777, uid: 0, gid: 0, mtime: 0 });
        fs.put("/usr/bin/sh", Entry::file("", 0o755, 0, 0, 0));
        assert_eq!(fs.resolve("/bin").unwrap().0, "/usr/bin");
        assert_eq!(fs.list("/bin").unwrap(), ["sh"]);
        fs.put("/loop", Entry { kind: Kind::Symlink("/loop".into()), mode: 0o777, uid: 0, gid: 0, mtime: 0 });
        assert_eq!(fs.resolve("/loop").unwrap_err(), FsError::Loop);
    }

    #[test]
    fn read_only_regions_refuse_changes_except_where_a_writable_mount_sits() {
        let mut fs = home();
        fs.put("/data", Entry::dir(0o755, 0, 0, 0));
        fs.set_read_only("/", true);
        fs.set_read_only("/data", false);
        assert_eq!(fs.write("/etc/x", "", false, User::ROOT, 0), Err(FsError::ReadOnly));
        assert_eq!(fs.mkdir("/opt", User::ROOT, 0), Err(FsError::ReadOnly));
        assert_eq!(fs.write("/data/x", "ok", false, User::ROOT, 0), Ok(()));
    }

    #[test]
    fn subtrees_move_between_trees() {
        let mut fs = home();
        fs.write("/home/learner/a", "1", false, LEARNER, 0).unwrap();
        let taken = fs.extract("/home/learner");
        assert!(fs.get("/home/learner").is_none());
        assert_eq!(taken.len(), 2);
        let mut other = Fs::new(0);
        other.graft("/srv/app", taken);
        assert_eq!(&*other.read("/srv/app/a", LEARNER).unwrap(), "1");
        assert_eq!(other.get("/srv/app").unwrap().uid, 1000);
        let whole = other.subtree("/");
        assert!(whole.iter().any(|(path, _)| path == "/srv/app/a"), "the root's subtree keeps absolute paths: {whole:?}");
        let mut copy = Fs::new(0);
        copy.graft("/", whole);
        assert_eq!(&*copy.read("/srv/app/a", LEARNER).unwrap(), "1");
    }

    #[test]
    fn modes_print_as_ls_shows_them() {
        let check = |mode, dir: bool, expected: &str| {
            let entry = if dir { Entry::dir(mode, 0, 0, 0) } else { Entry::file("", mode, 0, 0, 0) };
            assert_eq!(mode_string(&entry), expected);
        };
        check(0o755, true, "drwxr-xr-x");
        check(0o644, false, "-rw-r--r--");
        check(0o1777, true, "drwxrwxrwt");
        check(0o4755, false, "-rwsr-xr-x");
        check(0o600, false, "-rw-------");
    }
}
