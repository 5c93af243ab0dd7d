//! `printenv` and `df`: the environment, and the mounted file systems as a container (overlay
//! root, Docker's bind-mounted /etc files) or the host sees them.

use super::Run;
use crate::engine::interpreter::Flavor;

/// One mounted file system: device, mount point, and 1K blocks in all, used, available.
struct Mounted {
    device: &'static str,
    target: &'static str,
    blocks: u64,
    used: u64,
    available: u64,
}

/// The disk behind the host's `/` and the containers' overlay (a 60 GB disk, 38% used).
const DISK: (u64, u64, u64) = (61_255_652, 21_602_128, 36_512_692);

const fn mounted(device: &'static str, target: &'static str, (blocks, used, available): (u64, u64, u64)) -> Mounted {
    Mounted { device, target, blocks, used, available }
}

/// What `df` lists inside a container: the overlay root, Docker's 64 MB /dev and /dev/shm,
/// the files it bind-mounts into /etc, and the masking tmpfs mounts over /proc and /sys.
/// GNU df lists one mount of a device that is mounted several times (the shortest path
/// shown, `/etc/hosts` here); busybox df lists every one.
const CONTAINER_MOUNTS: &[Mounted] = &[
    mounted("overlay", "/", DISK),
    mounted("tmpfs", "/dev", (65_536, 0, 65_536)),
    mounted("shm", "/dev/shm", (65_536, 0, 65_536)),
    mounted("/dev/sda1", "/etc/resolv.conf", DISK),
    mounted("/dev/sda1", "/etc/hostname", DISK),
    mounted("/dev/sda1", "/etc/hosts", DISK),
    mounted("tmpfs", "/proc/acpi", (4_015_280, 0, 4_015_280)),
    mounted("tmpfs", "/proc/scsi", (4_015_280, 0, 4_015_280)),
    mounted("tmpfs", "/sys/firmware", (4_015_280, 0, 4_015_280)),
];

/// What `df` lists on the Debian host.
const HOST_MOUNTS: &[Mounted] = &[
    mounted("udev", "/dev", (3_987_440, 0, 3_987_440)),
    mounted("tmpfs", "/run", (803_056, 1_160, 801_896)),
    mounted("/dev/sda1", "/", DISK),
    mounted("tmpfs", "/dev/shm", (4_015_280, 0, 4_015_280)),
    mounted("tmpfs", "/run/lock", (5_120, 0, 5_120)),
    mounted("tmpfs", "/run/user/1000", (803_052, 0, 803_052)),
];

impl Run<'_> {
    /// `printenv [NAME]...`: the environment, or each NAME's value; 1 when one is unset.
    pub(super) fn printenv(&mut self) -> i32 {
        let env = self.shell.environment(self.env);
        if self.args.is_empty() {
            let text: String = env.iter().map(|(name, value)| format!("{name}={value}\n")).collect();
            self.io.out(text);
            return 0;
        }
        let mut status = 0;
        for name in self.args {
            match env.iter().find(|(known, _)| known == name) {
                Some((_, value)) => self.io.out(format!("{value}\n")),
                None => status = 1,
            }
        }
        status
    }

    /// `df [-h]`: GNU's columns sized to their contents (coreutils df.c), or busybox's fixed
    /// ones (`"%-20s %9s %9s %9s %3u%% %s"`, coreutils/df.c in busybox).
    pub(super) fn df(&mut self) -> i32 {
        let options = match self.options("hkTaP", "", &[("human-readable", 'h'), ("all", 'a'), ("portability", 'P')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let human = options.has('h');
        let busybox = self.shell.flavor == Flavor::Ash;
        let in_container = self.shell.programs.is_some();
        let mounts: Vec<&Mounted> = if in_container {
            CONTAINER_MOUNTS.iter().filter(|mount| busybox || !mount.target.starts_with("/etc/") || mount.target == "/etc/hosts").collect()
        } else {
            HOST_MOUNTS.iter().collect()
        };
        if busybox {
            let size = |blocks: u64| if human { busybox_human(blocks) } else { blocks.to_string() };
            let mut text = format!("Filesystem           {:<15}Used Available Use% Mounted on\n", if human { "     Size" } else { "1K-blocks" });
            for mount in mounts {
                let total = mount.used + mount.available;
                let percent = (mount.used * 100 + total / 2).checked_div(total).unwrap_or(0);
                text.push_str(&format!("{:<20} {:>9} {:>9} {:>9} {:>3}% {}\n", mount.device, size(mount.blocks), size(mount.used), size(mount.available), percent, mount.target));
            }
            self.io.out(text);
            return 0;
        }
        let size = |blocks: u64| if human { gnu_human(blocks) } else { blocks.to_string() };
        let mut rows: Vec<[String; 6]> = vec![["Filesystem".into(), if human { "Size" } else { "1K-blocks" }.into(), "Used".into(), if human { "Avail" } else { "Available" }.into(), "Use%".into(), "Mounted on".into()]];
        for mount in mounts {
            let total = mount.used + mount.available;
            // GNU rounds the percentage up.
            let percent = if total == 0 { 0 } else { (mount.used * 100).div_ceil(total) };
            rows.push([mount.device.into(), size(mount.blocks), size(mount.used), size(mount.available), format!("{percent}%"), mount.target.into()]);
        }
        let width = |column: usize, least: usize| rows.iter().map(|row| row[column].len()).max().unwrap_or(0).max(least);
        let widths = [width(0, 14), width(1, 5), width(2, 5), width(3, 5), width(4, 4)];
        let mut text = String::new();
        for row in &rows {
            text.push_str(&format!("{:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$} {}\n", row[0], row[1], row[2], row[3], row[4], row[5], w0 = widths[0], w1 = widths[1], w2 = widths[2], w3 = widths[3], w4 = widths[4]));
        }
        self.io.out(text);
        0
    }
}

/// `kilobytes` in the largest of K, M, G, T that keeps it at 1024 or above: (the size of
/// one unit in kilobytes, the unit). Integer arithmetic: formatting a float would pull
/// core's float code (about 14 KB brotli) into the bundle.
fn human_unit(kilobytes: u64) -> (u64, char) {
    let (mut per_unit, mut unit) = (1u64, 'K');
    for next in ['M', 'G', 'T'] {
        if kilobytes < 1024 * per_unit {
            break;
        }
        per_unit *= 1024;
        unit = next;
    }
    (per_unit, unit)
}

/// GNU `-h`: powers of 1024, rounded up, one decimal below 10 (`3.9G`, `64M`, `59G`, `0`).
fn gnu_human(kilobytes: u64) -> String {
    if kilobytes == 0 {
        return "0".into();
    }
    let (per_unit, unit) = human_unit(kilobytes);
    let tenths = (kilobytes * 10).div_ceil(per_unit);
    if tenths < 100 {
        return format!("{}.{}{unit}", tenths / 10, tenths % 10);
    }
    format!("{}{unit}", kilobytes.div_ceil(per_unit))
}

/// busybox `-h` (make_human_readable_str): one decimal, rounded (`64.0M`, `58.4G`, `0`).
fn busybox_human(kilobytes: u64) -> String {
    if kilobytes == 0 {
        return "0".into();
    }
    let (per_unit, unit) = human_unit(kilobytes);
    let tenths = (kilobytes * 20 + per_unit) / (2 * per_unit);
    format!("{}.{}{unit}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_round_as_each_df_does() {
        assert_eq!(gnu_human(DISK.0), "59G");
        assert_eq!(gnu_human(65_536), "64M");
        assert_eq!(gnu_human(4_015_280), "3.9G");
        assert_eq!(gnu_human(1_160), "1.2M");
        assert_eq!(busybox_human(DISK.0), "58.4G");
        assert_eq!(busybox_human(65_536), "64.0M");
        assert_eq!(busybox_human(0), "0");
    }
}
