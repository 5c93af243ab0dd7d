//! How the docker CLI prints: its tables (Go's tabwriter with the CLI's settings), human
//! durations and sizes (the go-units package), and IDs.

/// A table as `docker ps` and friends print it: Go's `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`
/// (docker/cli `cli/command/formatter`): each column as wide as its widest cell plus 3, and
/// at least 10; the last column is not padded.
pub fn table(rows: &[Vec<String>]) -> String {
    table_with_min_width(rows, 10)
}

/// A table with another minimum column width (`docker top` uses 20).
pub fn table_with_min_width(rows: &[Vec<String>], min_width: usize) -> String {
    let n_columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n_columns).map(|column| rows.iter().filter_map(|row| row.get(column)).map(|cell| cell.chars().count() + 3).max().unwrap_or(0).max(min_width)).collect();
    let mut text = String::new();
    for row in rows {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            if column + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[column] - cell.chars().count()));
            }
        }
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// go-units `HumanDuration`: "Less than a second", "1 second", "5 minutes", "About an hour"…
pub fn human_duration(millis: u64) -> String {
    let seconds = millis / 1000;
    let hours = (millis + 1_800_000) / 3_600_000;
    if seconds < 1 {
        "Less than a second".into()
    } else if seconds == 1 {
        "1 second".into()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if seconds / 60 == 1 {
        "About a minute".into()
    } else if seconds / 60 < 60 {
        format!("{} minutes", seconds / 60)
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", millis / 3_600_000 / 24 / 365)
    }
}

/// go-units `HumanSizeWithPrecision(size, 3)`: decimal units, `8.31MB`, `192MB`, `1.12GB`.
/// Integer arithmetic only: float formatting would add kilobytes to the WebAssembly.
pub fn human_size(bytes: u64) -> String {
    human_size_with_precision(bytes, 3)
}

/// go-units `HumanSize`: four significant digits (`8.312MB`), as the prune commands'
/// `Total reclaimed space` uses.
pub fn human_size_4(bytes: u64) -> String {
    human_size_with_precision(bytes, 4)
}

fn human_size_with_precision(bytes: u64, precision: u32) -> String {
    let units = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut scale: u64 = 1;
    let mut unit = 0;
    while bytes / scale >= 1000 && unit + 1 < units.len() {
        scale *= 1000;
        unit += 1;
    }
    // Go's %.4g: three significant digits, rounded, trailing zeros dropped.
    let whole = bytes / scale;
    let digits: u32 = if whole >= 100 { 3 } else if whole >= 10 { 2 } else { 1 };
    let decimals = precision.saturating_sub(digits);
    let step = 10u64.pow(decimals);
    let scaled = ((bytes as u128 * step as u128 * 2 + scale as u128) / (scale as u128 * 2)) as u64;
    let mut text = if decimals == 0 { scaled.to_string() } else { format!("{}.{:0width$}", scaled / step, scaled % step, width = decimals as usize) };
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{text}{}", units[unit])
}

/// Milliseconds as seconds with one decimal, rounded: `0.3s`, `12.4s` (BuildKit's times).
pub fn seconds(millis: u64) -> String {
    let tenths = (millis + 50) / 100;
    format!("{}.{}s", tenths / 10, tenths % 10)
}

/// The first 12 characters of an ID, as the CLI shows IDs by default.
pub fn short_id(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

/// Cuts text to `width` characters with `…`, as the CLI's `Ellipsis` does.
pub fn ellipsis(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > width { chars[..width - 1].iter().collect::<String>() + "…" } else { text.to_string() }
}

/// `docker ps`'s COMMAND cell: the command quoted, cut to 20 characters with `…`
/// (docker/cli `formatter/container.go`, `Command()` with `Ellipsis(command, 20)`).
pub fn command_cell(command: &str) -> String {
    let chars: Vec<char> = command.chars().collect();
    let shown: String = if chars.len() > 20 { chars[..19].iter().collect::<String>() + "…" } else { command.to_string() };
    format!("\"{shown}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_go_units() {
        let check = |millis: u64, expected: &str| assert_eq!(human_duration(millis), expected, "{millis} ms");
        check(500, "Less than a second");
        check(1_000, "1 second");
        check(59_000, "59 seconds");
        check(60_000, "About a minute");
        check(119_000, "About a minute");
        check(120_000, "2 minutes");
        check(3_599_000, "59 minutes");
        check(3_600_000, "About an hour");
        check(5_400_000, "2 hours");
        check(47 * 3_600_000, "47 hours");
        check(48 * 3_600_000, "2 days");
        check(20 * 24 * 3_600_000, "2 weeks");
    }

    #[test]
    fn sizes_read_like_go_units() {
        assert_eq!(human_size(8_310_000), "8.31MB");
        assert_eq!(human_size(192_000_000), "192MB");
        assert_eq!(human_size(1_120_000_000), "1.12GB");
        assert_eq!(human_size(4_420_000), "4.42MB");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(78_100_000), "78.1MB");
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(1_999_999), "2MB");
        // HumanSize keeps four significant digits.
        assert_eq!(human_size_4(8_312_345), "8.312MB");
        assert_eq!(human_size_4(78_100_000), "78.1MB");
        assert_eq!(human_size_4(3), "3B");
        assert_eq!(seconds(0), "0.0s");
        assert_eq!(seconds(6_349), "6.3s");
        assert_eq!(seconds(950), "1.0s");
    }

    #[test]
    fn tables_pad_like_tabwriter() {
        let rows = vec![vec!["CONTAINER ID".into(), "IMAGE".into(), "NAMES".into()], vec!["4c01db0b339c".into(), "nginx".into(), "web".into()]];
        assert_eq!(table(&rows), "CONTAINER ID   IMAGE     NAMES\n4c01db0b339c   nginx     web\n");
        assert_eq!(command_cell("/docker-entrypoint.sh nginx -g 'daemon off;'"), "\"/docker-entrypoint.…\"");
        assert_eq!(command_cell("/bin/sh"), "\"/bin/sh\"");
    }
}
