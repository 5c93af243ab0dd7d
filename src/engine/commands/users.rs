//! Users, groups and owners inside images: busybox `adduser`/`addgroup` (Alpine), shadow's
//! `useradd`/`groupadd` (Debian), and `chown` and `chmod` as busybox and coreutils word them.

use super::Run;
use crate::engine::accounts::Files;
use crate::engine::fs::{self, Entry, FsError};
use crate::engine::interpreter::Flavor;

/// busybox's `CONFIG_FIRST_SYSTEM_ID`, `CONFIG_LAST_SYSTEM_ID` (adduser.c): system ids are
/// 100 to 999, the others from 1000.
const FIRST_SYSTEM_ID: u32 = 100;
const LAST_SYSTEM_ID: u32 = 999;

/// busybox adduser's usage (`adduser_trivial_usage` and `adduser_full_usage`).
const ADDUSER_USAGE: &str = "BusyBox v1.37.0 (2025-08-05 16:40:33 UTC) multi-call binary.\n\nUsage: adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n\t-S\t\tCreate a system user\n\t-D\t\tDon't assign a password\n\t-H\t\tDon't create home directory\n\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)\n";

/// busybox addgroup's usage.
/// busybox chmod's usage (`chmod_trivial_usage` and `chmod_full_usage`).
const CHMOD_USAGE: &str = "BusyBox v1.37.0 (2025-08-05 16:40:33 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n\nMODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]\n\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tVerbose\n\t-f\tHide errors\n";

/// The umask every shell here runs with: coreutils' `chmod +w` (no `ugoa`) leaves the bits
/// it masks alone; busybox's bb_parse_mode ignores it.
const UMASK: u32 = 0o022;

/// busybox addgroup's usage.
const ADDGROUP_USAGE: &str = "BusyBox v1.37.0 (2025-08-05 16:40:33 UTC) multi-call binary.\n\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n";

impl Run<'_> {
    /// Whether this machine's tools are busybox's (Alpine, busybox), whose messages differ.
    pub(super) fn busybox(&self) -> bool {
        self.shell.flavor == Flavor::Ash
    }

    /// Appends a line to `/etc/passwd` or `/etc/group` (as root: these programs run as root).
    fn append_line(&mut self, path: &str, line: &str) {
        let text = self.world.fs.read(path, fs::User::ROOT).map(|text| text.to_string()).unwrap_or_default();
        let separator = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        let _ = self.world.fs.write(path, &format!("{text}{separator}{line}\n"), false, fs::User::ROOT, self.world.now);
    }

    /// Adds `user` to the member list of `group` in `/etc/group`.
    fn add_member(&mut self, group: &str, user: &str) {
        let text = self.world.fs.read("/etc/group", fs::User::ROOT).map(|text| text.to_string()).unwrap_or_default();
        let lines: Vec<String> = text
            .lines()
            .map(|line| {
                if line.split(':').next() == Some(group) && !line.rsplit(':').next().unwrap_or("").split(',').any(|member| member == user) {
                    format!("{line}{}{user}", if line.ends_with(':') { "" } else { "," })
                } else {
                    line.to_string()
                }
            })
            .collect();
        let _ = self.world.fs.write("/etc/group", &format!("{}\n", lines.join("\n")), false, fs::User::ROOT, self.world.now);
    }

    /// busybox `adduser [OPTIONS] USER [GROUP]` (loginutils/adduser.c).
    pub(super) fn adduser(&mut self) -> i32 {
        if self.shell.user.uid != 0 {
            self.io.err("adduser: permission denied (are you root?)\n");
            return 1;
        }
        let long = [("home", 'h'), ("gecos", 'g'), ("shell", 's'), ("ingroup", 'G'), ("disabled-password", 'D'), ("empty-password", 'D'), ("system", 'S'), ("no-create-home", 'H'), ("uid", 'u'), ("skel", 'k')];
        let options = match self.options("DSH", "hgsGuk", &long, 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        if options.operands.is_empty() || options.operands.len() > 2 {
            self.io.err(ADDUSER_USAGE);
            return 1;
        }
        let name = options.operands[0].clone();
        let files = Files::read(&self.world.fs);
        let no_options = options.flags.is_empty() && options.values.is_empty();
        if no_options && let Some(group) = options.operands.get(1) {
            // `adduser USER GROUP`: an existing user joins an existing group.
            return self.addgroup_member(&files, "adduser", &name, group);
        }
        let system = options.has('S');
        let group_name = options.value('G').map(String::from).or_else(|| system.then(|| "nogroup".to_string()));
        let gid = match &group_name {
            Some(group) => match files.group_by_name(group).map(|found| found.gid).or_else(|| group.parse().ok()) {
                Some(gid) => Some(gid),
                None => {
                    self.io.err(format!("adduser: unknown group {group}\n"));
                    return 1;
                }
            },
            None => None,
        };
        if files.user_by_name(&name).is_some() {
            self.io.err(format!("adduser: user '{name}' in use\n"));
            return 1;
        }
        let wanted = match options.value('u').map(|uid| uid.parse::<u32>()) {
            Some(Ok(uid)) => Some(uid),
            Some(Err(_)) => {
                self.io.err(format!("adduser: invalid number '{}'\n", options.value('u').unwrap_or_default()));
                return 1;
            }
            None => None,
        };
        // passwd_study: the first free uid from 1000 (system: 100), which must also be a
        // free gid when the user gets a group of its own.
        let mut uid = wanted.unwrap_or(if system { FIRST_SYSTEM_ID } else { LAST_SYSTEM_ID + 1 });
        while files.user_by_uid(uid).is_some() || (gid.is_none() && files.group_by_gid(uid).is_some()) {
            if wanted.is_some() {
                self.io.err(format!("adduser: uid '{uid}' in use\n"));
                return 1;
            }
            uid += 1;
        }
        let gid = match gid {
            Some(gid) => gid,
            None => {
                if files.group_by_name(&name).is_some() {
                    self.io.err(format!("adduser: group '{name}' in use\n"));
                    return 1;
                }
                uid
            }
        };
        let home = options.value('h').map(String::from).unwrap_or_else(|| format!("/home/{name}"));
        // New users "inherit" root's shell (get_shell_name); system users get /bin/false.
        let shell = options.value('s').map(String::from).unwrap_or_else(|| if system { "/bin/false".into() } else { "/bin/sh".into() });
        let gecos = options.value('g').unwrap_or("Linux User,,,").to_string();
        self.append_line("/etc/passwd", &format!("{name}:x:{uid}:{gid}:{gecos}:{home}:{shell}"));
        match &group_name {
            Some(group) => self.add_member(group, &name),
            None => self.append_line("/etc/group", &format!("{name}:x:{gid}:")),
        }
        if !options.has('H') {
            let path = fs::absolute("/", &home);
            if self.world.fs.get(&path).is_none() && self.world.fs.get(fs::parent(&path)).is_some_and(Entry::is_dir) {
                // mkdir, chown to the user, then chmod 02755 (the setgid bit).
                self.world.fs.put(&path, Entry::dir(0o2755, uid, gid, self.world.now));
            }
        }
        if !options.has('D') && !system {
            // Without -D adduser runs `passwd USER`, which asks for a password on standard
            // input; a build or a script has none (loginutils/passwd.c; the newline after
            // the prompt is UNVERIFIED).
            self.io.out(format!("Changing password for {name}\nNew password: \n"));
            self.io.err(format!("passwd: password for {name} is unchanged\n"));
            return 1;
        }
        0
    }

    /// `addgroup USER GROUP` / `adduser USER GROUP`: both must exist.
    fn addgroup_member(&mut self, files: &Files, program: &str, user: &str, group: &str) -> i32 {
        if files.user_by_name(user).is_none() {
            self.io.err(format!("{program}: unknown user {user}\n"));
            return 1;
        }
        if files.group_by_name(group).is_none() {
            self.io.err(format!("{program}: unknown group {group}\n"));
            return 1;
        }
        self.add_member(group, user);
        0
    }

    /// busybox `addgroup [-g GID] [-S] [USER] GROUP` (loginutils/addgroup.c).
    pub(super) fn addgroup(&mut self) -> i32 {
        let options = match self.options("S", "g", &[("gid", 'g'), ("system", 'S')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        if options.operands.is_empty() || options.operands.len() > 2 {
            self.io.err(ADDGROUP_USAGE);
            return 1;
        }
        if self.shell.user.uid != 0 {
            self.io.err("addgroup: permission denied (are you root?)\n");
            return 1;
        }
        let files = Files::read(&self.world.fs);
        if let [user, group] = options.operands.as_slice() {
            return self.addgroup_member(&files, "addgroup", user, group);
        }
        let name = options.operands[0].clone();
        if files.group_by_name(&name).is_some() {
            self.io.err(format!("addgroup: group '{name}' in use\n"));
            return 1;
        }
        let wanted = options.value('g').and_then(|gid| gid.parse::<u32>().ok());
        let mut gid = wanted.unwrap_or(if options.has('S') { FIRST_SYSTEM_ID } else { LAST_SYSTEM_ID + 1 });
        while files.group_by_gid(gid).is_some() {
            if wanted.is_some() {
                self.io.err(format!("addgroup: gid '{gid}' in use\n"));
                return 1;
            }
            gid += 1;
        }
        self.append_line("/etc/group", &format!("{name}:x:{gid}:"));
        0
    }

    /// shadow's `useradd` (Debian): `-m`, `-r`, `-u`, `-g`, `-s`, `-d`, `-N`, `-M`; messages
    /// and exit statuses from shadow src/useradd.c (9 name in use, 4 uid in use, 6 no group).
    pub(super) fn useradd(&mut self) -> i32 {
        let long = [("create-home", 'm'), ("system", 'r'), ("uid", 'u'), ("gid", 'g'), ("shell", 's'), ("home-dir", 'd'), ("no-user-group", 'N'), ("no-create-home", 'M'), ("user-group", 'U'), ("comment", 'c'), ("groups", 'G')];
        let options = match self.options("mrNMU", "ugsdcG", &long, 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let [name] = options.operands.as_slice() else {
            // UNVERIFIED: the real usage goes on with its list of options.
            self.io.err("Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n");
            return 2;
        };
        if self.shell.user.uid != 0 {
            self.io.err("useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n");
            return 1;
        }
        let files = Files::read(&self.world.fs);
        if files.user_by_name(name).is_some() {
            self.io.err(format!("useradd: user '{name}' already exists\n"));
            return 9;
        }
        let system = options.has('r');
        let group = match options.value('g') {
            Some(group) => match files.group_by_name(group).map(|found| found.gid).or_else(|| group.parse().ok().filter(|gid| files.group_by_gid(*gid).is_some())) {
                Some(gid) => Some(gid),
                None => {
                    self.io.err(format!("useradd: group '{group}' does not exist\n"));
                    return 6;
                }
            },
            None if options.has('N') => Some(100),
            None => None,
        };
        if group.is_none() && files.group_by_name(name).is_some() {
            self.io.err(format!("useradd: group {name} exists - if you want to add this user to that group, use -g.\n"));
            return 9;
        }
        let uid = match options.value('u').map(|uid| uid.parse::<u32>()) {
            Some(Ok(uid)) if files.user_by_uid(uid).is_some() => {
                self.io.err(format!("useradd: UID {uid} is not unique\n"));
                return 4;
            }
            Some(Ok(uid)) => uid,
            Some(Err(_)) => {
                self.io.err(format!("useradd: invalid user ID '{}'\n", options.value('u').unwrap_or_default()));
                return 3;
            }
            // login.defs: UID_MIN 1000 upwards; system accounts from SYS_UID_MAX 999 down.
            None if system => (101..=999).rev().find(|uid| files.user_by_uid(*uid).is_none()).unwrap_or(999),
            None => (1000..60000).find(|uid| files.user_by_uid(*uid).is_none()).unwrap_or(60000),
        };
        let gid = match group {
            Some(gid) => gid,
            None => {
                // USERGROUPS_ENAB: a group of the same name, with the uid as its gid if free.
                let gid = if files.group_by_gid(uid).is_none() { uid } else if system { (101..=999).rev().find(|gid| files.group_by_gid(*gid).is_none()).unwrap_or(999) } else { (1000..60000).find(|gid| files.group_by_gid(*gid).is_none()).unwrap_or(60000) };
                self.append_line("/etc/group", &format!("{name}:x:{gid}:"));
                gid
            }
        };
        let home = options.value('d').map(String::from).unwrap_or_else(|| format!("/home/{name}"));
        let shell = options.value('s').unwrap_or("/bin/sh").to_string();
        let comment = options.value('c').unwrap_or("").to_string();
        self.append_line("/etc/passwd", &format!("{name}:x:{uid}:{gid}:{comment}:{home}:{shell}"));
        if options.has('m') && !options.has('M') {
            let path = fs::absolute("/", &home);
            if self.world.fs.get(&path).is_none() && self.world.fs.get(fs::parent(&path)).is_some_and(Entry::is_dir) {
                self.world.fs.put(&path, Entry::dir(0o755, uid, gid, self.world.now));
            }
        }
        0
    }

    /// shadow's `groupadd [-g GID] [-r] GROUP`.
    pub(super) fn groupadd(&mut self) -> i32 {
        let options = match self.options("rf", "g", &[("gid", 'g'), ("system", 'r'), ("force", 'f')], 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let [name] = options.operands.as_slice() else {
            // UNVERIFIED: the real usage goes on with its list of options.
            self.io.err("Usage: groupadd [options] GROUP\n");
            return 2;
        };
        if self.shell.user.uid != 0 {
            self.io.err("groupadd: Permission denied.\ngroupadd: cannot lock /etc/group; try again later.\n");
            return 10;
        }
        let files = Files::read(&self.world.fs);
        if files.group_by_name(name).is_some() {
            if options.has('f') {
                return 0;
            }
            self.io.err(format!("groupadd: group '{name}' already exists\n"));
            return 9;
        }
        let gid = match options.value('g').map(|gid| gid.parse::<u32>()) {
            Some(Ok(gid)) if files.group_by_gid(gid).is_some() => {
                self.io.err(format!("groupadd: GID '{gid}' already exists\n"));
                return 4;
            }
            Some(Ok(gid)) => gid,
            Some(Err(_)) => {
                self.io.err(format!("groupadd: invalid group ID '{}'\n", options.value('g').unwrap_or_default()));
                return 3;
            }
            None if options.has('r') => (101..=999).rev().find(|gid| files.group_by_gid(*gid).is_none()).unwrap_or(999),
            None => (1000..60000).find(|gid| files.group_by_gid(*gid).is_none()).unwrap_or(60000),
        };
        self.append_line("/etc/group", &format!("{name}:x:{gid}:"));
        0
    }

    /// `chown [-R] OWNER[:[GROUP]] FILE...`, with busybox's messages in Alpine
    /// (`chown: unknown user app`, `chown: x: No such file or directory`) and coreutils'
    /// elsewhere (`chown: invalid user: ‘app’`, `chown: cannot access 'x': …`).
    pub(super) fn chown(&mut self) -> i32 {
        let busybox = self.busybox();
        let options = match self.options("RfhvcHLP", "", &[("recursive", 'R'), ("silent", 'f'), ("quiet", 'f'), ("no-dereference", 'h'), ("verbose", 'v'), ("changes", 'c')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let Some((spec, targets)) = options.operands.split_first() else {
            self.io.err(if busybox { "BusyBox v1.37.0 (2025-08-05 16:40:33 UTC) multi-call binary.\n\nUsage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n\nChange the owner and/or group of FILEs to USER and/or GRP\n\n\t-h\tAffect symlinks instead of symlink targets\n\t-L\tTraverse all symlinks to directories\n\t-H\tTraverse symlinks on command line only\n\t-P\tDon't traverse symlinks (default)\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tList all files\n\t-f\tHide errors\n".to_string() } else { "chown: missing operand\nTry 'chown --help' for more information.\n".to_string() });
            return 1;
        };
        if targets.is_empty() {
            self.io.err(if busybox { "BusyBox v1.37.0 (2025-08-05 16:40:33 UTC) multi-call binary.\n\nUsage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n".to_string() } else { format!("chown: missing operand after ‘{spec}’\nTry 'chown --help' for more information.\n") });
            return 1;
        }
        let files = Files::read(&self.world.fs);
        // OWNER, OWNER:GROUP, OWNER: (the owner's login group), :GROUP, and the old OWNER.GROUP.
        let (user, group) = match spec.split_once(':').or_else(|| spec.split_once('.')) {
            Some((user, group)) => (user, Some(group)),
            None => (spec.as_str(), None),
        };
        let account = (!user.is_empty()).then(|| files.user_by_name(user));
        let uid = match (user, &account) {
            ("", _) => None,
            (_, Some(Some(account))) => Some(account.uid),
            (_, _) => match user.parse::<u32>() {
                Ok(uid) => Some(uid),
                Err(_) => {
                    self.io.err(if busybox { format!("chown: unknown user {user}\n") } else { format!("chown: invalid user: ‘{spec}’\n") });
                    return 1;
                }
            },
        };
        let gid = match group {
            None => None,
            // `OWNER:`: the owner's login group.
            Some("") => account.flatten().map(|account| account.gid),
            Some(group) => match files.group_by_name(group).map(|found| found.gid).or_else(|| group.parse().ok()) {
                Some(gid) => Some(gid),
                None => {
                    self.io.err(if busybox { format!("chown: unknown group {group}\n") } else { format!("chown: invalid group: ‘{spec}’\n") });
                    return 1;
                }
            },
        };
        let mut status = 0;
        for target in targets {
            let path = self.shell.path(target);
            let paths = if options.has('R') { self.world.fs.tree(&path) } else { vec![path.clone()] };
            if self.world.fs.get(&path).is_none() && self.world.fs.resolve(&path).is_err() {
                if !options.has('f') {
                    self.io.err(if busybox { format!("chown: {target}: No such file or directory\n") } else { format!("chown: cannot access '{target}': No such file or directory\n") });
                }
                status = 1;
                continue;
            }
            for each in if paths.is_empty() { vec![path.clone()] } else { paths } {
                if let Err(error) = self.change_owner(&each, uid, gid) {
                    let shown = if each == path { target.clone() } else { format!("{target}{}", &each[path.len()..]) };
                    if !options.has('f') {
                        self.io.err(if busybox { format!("chown: {shown}: {}\n", error.message()) } else { format!("chown: changing ownership of '{shown}': {}\n", error.message()) });
                    }
                    status = 1;
                }
            }
        }
        status
    }

    /// `chmod MODE FILE…`: an octal mode (`755`) or symbolic clauses (`+x`, `u+x,go-w`,
    /// `a=r`). A leading `-` that is not one of `-R -c -v -f` is a mode (`chmod -x f`), as
    /// both tools read it. Messages: coreutils chmod.c (`missing operand after %s`,
    /// `invalid mode: %s`, `cannot access %s`, `changing permissions of %s`), busybox
    /// chmod.c (`invalid mode '%s'`, then perror of the file's name).
    pub(super) fn chmod(&mut self) -> i32 {
        let busybox = self.busybox();
        let mut recursive = false;
        let mut quiet = false;
        let mut operands: Vec<String> = Vec::new();
        let mut args = self.args.iter();
        while let Some(arg) = args.next() {
            if arg == "--" {
                operands.extend(args.by_ref().cloned());
                break;
            }
            match arg.strip_prefix('-') {
                Some(cluster) if operands.is_empty() && !cluster.is_empty() && cluster.chars().all(|flag| "Rcvf".contains(flag)) => {
                    recursive |= cluster.contains('R');
                    quiet |= cluster.contains('f');
                }
                Some(long) if long.starts_with('-') && !busybox => {
                    self.io.err(format!("chmod: unrecognized option '{arg}'\nTry 'chmod --help' for more information.\n"));
                    return 1;
                }
                _ => operands.push(arg.clone()),
            }
        }
        let Some((mode, targets)) = operands.split_first() else {
            self.io.err(if busybox { CHMOD_USAGE.to_string() } else { "chmod: missing operand\nTry 'chmod --help' for more information.\n".to_string() });
            return 1;
        };
        if targets.is_empty() {
            self.io.err(if busybox { CHMOD_USAGE.to_string() } else { format!("chmod: missing operand after ‘{mode}’\nTry 'chmod --help' for more information.\n") });
            return 1;
        }
        if apply_mode(mode, 0o644, false, busybox).is_none() {
            self.io.err(if busybox { format!("chmod: invalid mode '{mode}'\n") } else { format!("chmod: invalid mode: ‘{mode}’\nTry 'chmod --help' for more information.\n") });
            return 1;
        }
        let mut status = 0;
        for target in targets {
            let path = self.shell.path(target);
            let Ok((resolved, _)) = self.world.fs.resolve(&path) else {
                if !quiet {
                    self.io.err(if busybox { format!("chmod: {target}: No such file or directory\n") } else { format!("chmod: cannot access '{target}': No such file or directory\n") });
                }
                status = 1;
                continue;
            };
            let paths = if recursive { self.world.fs.tree(&resolved) } else { Vec::new() };
            for each in if paths.is_empty() { vec![resolved.clone()] } else { paths } {
                let Some(mut entry) = self.world.fs.get(&each).cloned() else { continue };
                let shown = if each == resolved { target.clone() } else { format!("{target}{}", &each[resolved.len()..]) };
                // chmod(2): only the owner (or root) changes a file's mode.
                let error = if self.shell.user.uid != 0 && self.shell.user.uid != entry.uid {
                    Some(FsError::NotPermitted)
                } else if self.world.fs.is_read_only(&each) {
                    Some(FsError::ReadOnly)
                } else {
                    None
                };
                if let Some(error) = error {
                    if !quiet {
                        self.io.err(if busybox { format!("chmod: {shown}: {}\n", error.message()) } else { format!("chmod: changing permissions of '{shown}': {}\n", error.message()) });
                    }
                    status = 1;
                    continue;
                }
                let kept = entry.mode & !0o7777;
                entry.mode = kept | apply_mode(mode, entry.mode & 0o7777, entry.is_dir(), busybox).unwrap_or(entry.mode & 0o7777);
                self.world.fs.put(&each, entry);
            }
        }
        status
    }

    /// chown(2): only root gives a file away; an owner may change its group to one of theirs.
    fn change_owner(&mut self, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<(), FsError> {
        let Ok((resolved, entry)) = self.world.fs.resolve(path) else { return Err(FsError::NotFound) };
        let mut entry = entry.clone();
        let user = self.shell.user;
        if user.uid != 0 && (uid.is_some_and(|uid| uid != entry.uid) || entry.uid != user.uid || gid.is_some_and(|gid| gid != user.gid)) {
            return Err(FsError::NotPermitted);
        }
        if self.world.fs.is_read_only(&resolved) {
            return Err(FsError::ReadOnly);
        }
        entry.uid = uid.unwrap_or(entry.uid);
        entry.gid = gid.unwrap_or(entry.gid);
        self.world.fs.put(&resolved, entry);
        Ok(())
    }
}

/// The permission bits `mode` (octal, or symbolic clauses joined by commas) makes of `old`;
/// `None` when the mode is not one.
fn apply_mode(mode: &str, old: u32, is_dir: bool, busybox: bool) -> Option<u32> {
    if !mode.is_empty() && mode.chars().all(|digit| digit.is_digit(8)) {
        return u32::from_str_radix(mode, 8).ok().filter(|bits| *bits <= 0o7777);
    }
    let mut bits = old;
    for clause in mode.split(',') {
        let who_end = clause.find(|letter: char| !"ugoa".contains(letter)).unwrap_or(clause.len());
        let (who, mut rest) = clause.split_at(who_end);
        if rest.is_empty() {
            return None;
        }
        let mut who_mask = 0;
        for letter in who.chars() {
            who_mask |= match letter {
                'u' => 0o4700,
                'g' => 0o2070,
                'o' => 0o1007,
                _ => 0o7777,
            };
        }
        // No `ugoa`: everyone, less what the umask keeps back (coreutils only).
        let masked = who.is_empty();
        if masked {
            who_mask = if busybox { 0o7777 } else { 0o7777 & !UMASK };
        }
        while let Some(operator) = rest.chars().next().filter(|operator| "+-=".contains(*operator)) {
            rest = &rest[1..];
            let perms_end = rest.find(|letter: char| !"rwxXst".contains(letter)).unwrap_or(rest.len());
            let (perms, after) = rest.split_at(perms_end);
            rest = after;
            let mut wanted = 0;
            for letter in perms.chars() {
                wanted |= match letter {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' if is_dir || old & 0o111 != 0 => 0o111,
                    's' => 0o6000,
                    't' => 0o1000,
                    _ => 0,
                };
            }
            let change = wanted & who_mask;
            match operator {
                '+' => bits |= change,
                '-' => bits &= !change,
                _ => bits = (bits & !(if masked { 0o7777 } else { who_mask })) | change,
            }
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(bits)
}

#[cfg(test)]
mod chmod_tests {
    use super::apply_mode;

    #[test]
    fn modes_as_chmod_reads_them() {
        let cases: &[(&str, u32, bool, Option<u32>)] = &[
            ("755", 0o644, false, Some(0o755)),
            ("+x", 0o644, false, Some(0o755)),
            ("+w", 0o444, false, Some(0o644)),
            ("u+x", 0o644, false, Some(0o744)),
            ("go-r", 0o644, false, Some(0o600)),
            ("a=r", 0o755, false, Some(0o444)),
            ("u=rwx,g=rx,o=", 0o600, false, Some(0o750)),
            ("-x", 0o755, false, Some(0o644)),
            ("+X", 0o644, false, Some(0o644)),
            ("+X", 0o644, true, Some(0o755)),
            ("foo", 0o644, false, None),
            ("u", 0o644, false, None),
            ("99", 0o644, false, None),
        ];
        for (mode, old, is_dir, expected) in cases {
            assert_eq!(apply_mode(mode, *old, *is_dir, false), *expected, "{mode} on {old:o}");
        }
        // busybox ignores the umask: `+w` is for everyone.
        assert_eq!(apply_mode("+w", 0o444, false, true), Some(0o666));
    }
}
