//! Users and groups as a machine's own `/etc/passwd` and `/etc/group` list them: the files
//! each image ships, and the lookups `id`, `ls -l`, `whoami`, `chown` and `--user` make.

use std::rc::Rc;

use super::fs::Fs;

/// One `/etc/passwd` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    pub shell: String,
}

/// One `/etc/group` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// A machine's `/etc/passwd` and `/etc/group` as read once (empty when it has none), for
/// the lookups a command makes; lines are parsed as they are searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    passwd: Rc<str>,
    group: Rc<str>,
}

impl Files {
    pub fn read(fs: &Fs) -> Files {
        let read = |path: &str| fs.read(path, super::fs::User::ROOT).unwrap_or_else(|_| Rc::from(""));
        Files { passwd: read("/etc/passwd"), group: read("/etc/group") }
    }

    fn users(&self) -> impl Iterator<Item = Account> + '_ {
        self.passwd.lines().filter_map(|line| {
            let mut fields = line.split(':');
            let (name, _, uid, gid, _, home, shell) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?);
            Some(Account { name: name.to_string(), uid: uid.parse().ok()?, gid: gid.parse().ok()?, home: home.to_string(), shell: shell.to_string() })
        })
    }

    fn groups(&self) -> impl Iterator<Item = Group> + '_ {
        self.group.lines().filter_map(|line| {
            let mut fields = line.split(':');
            let (name, _, gid, members) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
            Some(Group { name: name.to_string(), gid: gid.parse().ok()?, members: members.split(',').filter(|member| !member.is_empty()).map(String::from).collect() })
        })
    }

    /// Whether both files are the very texts `other` read (unchanged since).
    pub fn same_as(&self, other: &Files) -> bool {
        Rc::ptr_eq(&self.passwd, &other.passwd) && Rc::ptr_eq(&self.group, &other.group)
    }

    pub fn user_by_name(&self, name: &str) -> Option<Account> {
        self.users().find(|account| account.name == name)
    }

    pub fn user_by_uid(&self, uid: u32) -> Option<Account> {
        self.users().find(|account| account.uid == uid)
    }

    pub fn group_by_name(&self, name: &str) -> Option<Group> {
        self.groups().find(|group| group.name == name)
    }

    pub fn group_by_gid(&self, gid: u32) -> Option<Group> {
        self.groups().find(|group| group.gid == gid)
    }

    /// `gid(name)` as `id` shows a group, or the number alone.
    pub fn named_group(&self, gid: u32) -> String {
        self.group_by_gid(gid).map(|group| format!("{gid}({})", group.name)).unwrap_or_else(|| gid.to_string())
    }

    /// The groups a process of `uid` with primary group `gid` has, as runc's `GetExecUser`
    /// gives them (and `id` prints them): the primary group first, then every group
    /// `/etc/group` lists the user's name in.
    pub fn process_groups(&self, uid: u32, gid: u32) -> String {
        let mut listed = self.named_group(gid);
        let name = self.passwd.lines().find_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            (fields.nth(1)?.parse() == Ok(uid)).then_some(name)
        });
        let Some(name) = name else { return listed };
        // Scanned in place: this runs at every container start.
        for line in self.group.lines() {
            let mut fields = line.split(':');
            let (Some(group), Some(number), Some(members)) = (fields.next(), fields.nth(1), fields.next()) else { continue };
            if number.parse() != Ok(gid) && members.split(',').any(|member| member == name) {
                listed.push_str(&format!(",{number}({group})"));
            }
        }
        listed
    }
}

pub fn user_by_name(fs: &Fs, name: &str) -> Option<Account> {
    Files::read(fs).user_by_name(name)
}

pub fn group_by_gid(fs: &Fs, gid: u32) -> Option<Group> {
    Files::read(fs).group_by_gid(gid)
}

/// The name `ls -l` shows for a uid: the user's, or the number.
pub fn user_name(fs: &Fs, uid: u32) -> String {
    Files::read(fs).user_by_uid(uid).map(|account| account.name).unwrap_or_else(|| uid.to_string())
}

/// The name `ls -l` shows for a gid: the group's, or the number.
pub fn group_name(fs: &Fs, gid: u32) -> String {
    Files::read(fs).group_by_gid(gid).map(|group| group.name).unwrap_or_else(|| gid.to_string())
}

/// See `Files::process_groups`.
pub fn process_groups(fs: &Fs, uid: u32, gid: u32) -> String {
    Files::read(fs).process_groups(uid, gid)
}

/// Alpine 3.22's `/etc/passwd` (alpine-baselayout-data).
pub const ALPINE_PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n";

/// Alpine 3.22's `/etc/group`: root is a member of the groups `id` lists for it.
pub const ALPINE_GROUP: &str = "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n";

/// The busybox image's `/etc/passwd` and `/etc/group` (docker-library/busybox).
pub const BUSYBOX_PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
pub const BUSYBOX_GROUP: &str = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65534:\n";

/// Debian 13's `/etc/passwd` (base-passwd): its system users, www-data 33 among them.
pub const DEBIAN_PASSWD: &str = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\nirc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";

/// Debian 13's `/etc/group` (base-passwd).
pub const DEBIAN_GROUP: &str = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n";

/// The accounts an official image adds to its base's (passwd lines, group lines), from
/// each image's Dockerfile: nginx `useradd --system … nginx` (101), postgres and redis
/// `groupadd -r -g 999` + `useradd -r … -u 999`, node `useradd --uid 1000 … node`, and
/// Ubuntu 24.04's `ubuntu` user (1000).
pub fn image_accounts(image: &str) -> (&'static str, &'static str) {
    match image {
        "nginx" => ("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n", "nginx:x:101:\n"),
        "postgres" => ("postgres:x:999:999::/var/lib/postgresql:/bin/bash\n", "postgres:x:999:\n"),
        "redis" => ("redis:x:999:999::/home/redis:/bin/sh\n", "redis:x:999:\n"),
        "mysql" => ("mysql:x:999:999::/var/lib/mysql:/bin/bash\n", "mysql:x:999:\n"),
        "node" => ("node:x:1000:1000::/home/node:/bin/bash\n", "node:x:1000:\n"),
        "ubuntu" => ("ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n", "ubuntu:x:1000:\n"),
        _ => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fs::Entry;

    fn machine(passwd: &str, group: &str) -> Fs {
        let mut fs = Fs::new(0);
        fs.put("/etc", Entry::dir(0o755, 0, 0, 0));
        fs.put("/etc/passwd", Entry::file(passwd, 0o644, 0, 0, 0));
        fs.put("/etc/group", Entry::file(group, 0o644, 0, 0, 0));
        fs
    }

    #[test]
    fn root_in_alpine_has_the_groups_id_shows() {
        let fs = machine(ALPINE_PASSWD, ALPINE_GROUP);
        assert_eq!(process_groups(&fs, 0, 0), "0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)");
        assert_eq!(process_groups(&fs, 1000, 0), "0(root)");
        assert_eq!(process_groups(&fs, 1000, 1000), "1000");
    }

    #[test]
    fn names_come_from_the_machine_files() {
        let fs = machine(DEBIAN_PASSWD, DEBIAN_GROUP);
        assert_eq!(user_name(&fs, 33), "www-data");
        assert_eq!(group_name(&fs, 65534), "nogroup");
        assert_eq!(user_name(&fs, 1000), "1000");
        assert_eq!(user_by_name(&fs, "www-data").map(|account| (account.uid, account.gid)), Some((33, 33)));
        assert_eq!(process_groups(&fs, 0, 0), "0(root)");
    }
}
