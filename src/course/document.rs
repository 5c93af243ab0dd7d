//! Markdown to a document tree, through the project's one pulldown-cmark setup.
//!
//! The tree is plain data that the interface turns into elements; raw HTML is refused and
//! links are typed, so nothing in a lesson can run script in the page.

#[cfg(not(target_arch = "wasm32"))]
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// A lesson body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// `level` is 1 to 6; `anchor` is the id that `#anchor` links use.
    Heading { level: u8, anchor: String, content: Vec<Inline> },
    Paragraph(Vec<Inline>),
    /// A fenced or indented code block; `lang` is the fence's info string (may be empty).
    Code { lang: String, text: String },
    /// `start` is the first number of an ordered list, `None` for bullets.
    List { start: Option<u64>, items: Vec<Vec<Block>> },
    Quote(Vec<Block>),
    Table { head: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Rule,
    /// A fenced `exercise` block.
    Exercise(super::exercise::Exercise),
    /// A fenced `quiz` block.
    Quiz(super::exercise::Quiz),
    /// A fenced `terminal` block: lines a "Try it" button types into the terminal.
    TryIt(Vec<String>),
    /// A fenced `answer` block: a question answered by typing.
    Answer(super::exercise::Answer),
    /// A fenced `predict` block: choose what lines will do, then run them.
    Predict(super::exercise::Predict),
}

/// Text-level content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link { href: Href, content: Vec<Inline> },
    Image { src: String, alt: String },
    SoftBreak,
    HardBreak,
}

/// Where a link goes. Anything else is refused at parse time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Href {
    /// Another lesson: written `slug.md` or `slug.md#anchor`.
    Lesson { slug: String, anchor: Option<String> },
    /// A heading on the same page: `#anchor`.
    Anchor(String),
    /// `http:`, `https:` or `mailto:`.
    External(String),
}

#[cfg(not(target_arch = "wasm32"))]
impl Href {
    fn parse(destination: &str) -> Result<Href, String> {
        let lowercase = destination.to_ascii_lowercase();
        if ["http://", "https://", "mailto:"].iter().any(|scheme| lowercase.starts_with(scheme)) {
            return Ok(Href::External(destination.to_string()));
        }
        if let Some(anchor) = destination.strip_prefix('#') {
            return Ok(Href::Anchor(anchor.to_string()));
        }
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_string())),
            None => (destination, None),
        };
        let slug = path.strip_prefix("./").unwrap_or(path).strip_suffix(".md");
        match slug {
            Some(slug) if !slug.is_empty() && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
                Ok(Href::Lesson { slug: slug.to_string(), anchor })
            }
            _ => Err(format!("link to `{destination}`: only http(s), mailto, #anchors and other lessons (`slug.md` or `slug.md#anchor`) are allowed")),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The project's one Markdown dialect: CommonMark plus tables and strikethrough.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The id of a heading: lowercase words joined by `-`, as most Markdown renderers make them.
pub fn anchor_for(content: &[Inline]) -> String {
    let mut text = String::new();
    plain_text(content, &mut text);
    let mut anchor = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            anchor.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-' || c == '_') && !anchor.ends_with('-') {
            anchor.push('-');
        }
    }
    anchor.trim_matches('-').to_string()
}

/// The text of some inlines without formatting, for anchors and accessible names.
pub fn plain_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => plain_text(inner, out),
            Inline::Link { content, .. } => plain_text(content, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// An element being built: what has been collected inside it so far.
struct Frame {
    tag: Open,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<Vec<Block>>,
    cells: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    head: Vec<Vec<Inline>>,
}

#[cfg(not(target_arch = "wasm32"))]
enum Open {
    Root,
    Paragraph,
    Heading(u8),
    Quote,
    List(Option<u64>),
    Item,
    Code(String),
    Emphasis,
    Strong,
    Strikethrough,
    Link(Href),
    Image(String),
    Table,
    TableHead,
    TableRow,
    TableCell,
}

#[cfg(not(target_arch = "wasm32"))]
impl Frame {
    fn new(tag: Open) -> Frame {
        Frame { tag, blocks: Vec::new(), inlines: Vec::new(), items: Vec::new(), cells: Vec::new(), rows: Vec::new(), head: Vec::new() }
    }

    /// Tight list items hold inlines directly; they become a paragraph before a block.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            self.blocks.push(Block::Paragraph(std::mem::take(&mut self.inlines)));
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Every link of a document with the byte offset where it starts.
pub type Links = Vec<(Href, usize)>;

#[cfg(not(target_arch = "wasm32"))]
/// Parses a Markdown body. Returns the document and its links, or the byte offset and
/// message of the first thing a lesson may not contain.
pub fn parse(markdown: &str) -> Result<(Document, Links), (usize, String)> {
    let mut stack = vec![Frame::new(Open::Root)];
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let top = stack.last_mut().expect("the root frame is never popped");
        match event {
            Event::Start(tag) => {
                let open = match tag {
                    Tag::Paragraph => Open::Paragraph,
                    Tag::Heading { level, .. } => Open::Heading(heading_level(level)),
                    Tag::BlockQuote(_) => Open::Quote,
                    Tag::CodeBlock(CodeBlockKind::Fenced(info)) => Open::Code(info.split_whitespace().next().unwrap_or("").to_string()),
                    Tag::CodeBlock(CodeBlockKind::Indented) => Open::Code(String::new()),
                    Tag::List(start) => Open::List(start),
                    Tag::Item => Open::Item,
                    Tag::Emphasis => Open::Emphasis,
                    Tag::Strong => Open::Strong,
                    Tag::Strikethrough => Open::Strikethrough,
                    Tag::Link { dest_url, .. } => {
                        let href = Href::parse(&dest_url).map_err(|message| (range.start, message))?;
                        links.push((href.clone(), range.start));
                        Open::Link(href)
                    }
                    Tag::Image { dest_url, .. } => Open::Image(dest_url.to_string()),
                    Tag::Table(_) => Open::Table,
                    Tag::TableHead => Open::TableHead,
                    Tag::TableRow => Open::TableRow,
                    Tag::TableCell => Open::TableCell,
                    Tag::HtmlBlock => return Err((range.start, "raw HTML is not allowed in lessons: write Markdown".into())),
                    other => return Err((range.start, format!("this Markdown is not supported in lessons: {other:?}"))),
                };
                if matches!(open, Open::Paragraph | Open::Heading(_) | Open::Quote | Open::List(_) | Open::Code(_) | Open::Table) {
                    top.flush_inlines();
                }
                stack.push(Frame::new(open));
            }
            Event::End(end) => {
                let frame = stack.pop().expect("pulldown-cmark balances start and end");
                let parent = stack.last_mut().expect("the root frame is never popped");
                close(frame, parent, &end);
            }
            Event::Text(text) => match &mut top.tag {
                Open::Code(_) => top.inlines.push(Inline::Text(text.to_string())),
                _ => match top.inlines.last_mut() {
                    Some(Inline::Text(previous)) => previous.push_str(&text),
                    _ => top.inlines.push(Inline::Text(text.to_string())),
                },
            },
            Event::Code(code) => top.inlines.push(Inline::Code(code.to_string())),
            Event::SoftBreak => top.inlines.push(Inline::SoftBreak),
            Event::HardBreak => top.inlines.push(Inline::HardBreak),
            Event::Rule => {
                top.flush_inlines();
                top.blocks.push(Block::Rule);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err((range.start, "raw HTML is not allowed in lessons: write Markdown".into()));
            }
            other => return Err((range.start, format!("this Markdown is not supported in lessons: {other:?}"))),
        }
    }
    let mut root = stack.pop().expect("the root frame");
    root.flush_inlines();
    Ok((Document { blocks: root.blocks }, links))
}

#[cfg(not(target_arch = "wasm32"))]
/// Turns a finished frame into a node of its parent.
fn close(mut frame: Frame, parent: &mut Frame, _end: &TagEnd) {
    let inline = |node: Inline, parent: &mut Frame| parent.inlines.push(node);
    match frame.tag {
        Open::Root => {}
        Open::Paragraph => parent.blocks.push(Block::Paragraph(frame.inlines)),
        Open::Heading(level) => {
            let anchor = anchor_for(&frame.inlines);
            parent.blocks.push(Block::Heading { level, anchor, content: frame.inlines });
        }
        Open::Quote => {
            frame.flush_inlines();
            parent.blocks.push(Block::Quote(frame.blocks));
        }
        Open::List(start) => parent.blocks.push(Block::List { start, items: frame.items }),
        Open::Item => {
            frame.flush_inlines();
            parent.items.push(frame.blocks);
        }
        Open::Code(lang) => {
            let mut text = String::new();
            plain_text(&frame.inlines, &mut text);
            parent.blocks.push(Block::Code { lang, text });
        }
        Open::Emphasis => inline(Inline::Emphasis(frame.inlines), parent),
        Open::Strong => inline(Inline::Strong(frame.inlines), parent),
        Open::Strikethrough => inline(Inline::Strikethrough(frame.inlines), parent),
        Open::Link(href) => inline(Inline::Link { href, content: frame.inlines }, parent),
        Open::Image(src) => {
            let mut alt = String::new();
            plain_text(&frame.inlines, &mut alt);
            inline(Inline::Image { src, alt }, parent);
        }
        Open::Table => parent.blocks.push(Block::Table { head: frame.head, rows: frame.rows }),
        Open::TableHead => parent.head = frame.cells,
        Open::TableRow => parent.rows.push(frame.cells),
        Open::TableCell => parent.cells.push(frame.inlines),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn markdown_becomes_a_tree() {
        let markdown = "# Images *vs* containers\n\nAn **image** is `read-only`.\n\n- one\n- two [docs](https://docs.docker.com)\n\n```dockerfile\nFROM alpine\n```\n\n> quoted\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let (document, links) = parse(markdown).unwrap();
        assert_eq!(
            document.blocks,
            [
                Block::Heading { level: 1, anchor: "images-vs-containers".into(), content: vec![text("Images "), Inline::Emphasis(vec![text("vs")]), text(" containers")] },
                Block::Paragraph(vec![text("An "), Inline::Strong(vec![text("image")]), text(" is "), Inline::Code("read-only".into()), text(".")]),
                Block::List {
                    start: None,
                    items: vec![
                        vec![Block::Paragraph(vec![text("one")])],
                        vec![Block::Paragraph(vec![text("two "), Inline::Link { href: Href::External("https://docs.docker.com".into()), content: vec![text("docs")] }])],
                    ],
                },
                Block::Code { lang: "dockerfile".into(), text: "FROM alpine\n".into() },
                Block::Quote(vec![Block::Paragraph(vec![text("quoted")])]),
                Block::Rule,
                Block::Table { head: vec![vec![text("a")], vec![text("b")]], rows: vec![vec![vec![text("1")], vec![text("2")]]] },
            ]
        );
        assert_eq!(links, [(Href::External("https://docs.docker.com".into()), 68)]);
    }

    #[test]
    fn links_are_typed_and_dangerous_ones_refused() {
        assert_eq!(Href::parse("volumes.md#copy-up"), Ok(Href::Lesson { slug: "volumes".into(), anchor: Some("copy-up".into()) }));
        assert_eq!(Href::parse("./volumes.md"), Ok(Href::Lesson { slug: "volumes".into(), anchor: None }));
        assert_eq!(Href::parse("#top"), Ok(Href::Anchor("top".into())));
        assert_eq!(Href::parse("MAILTO:x@example.org"), Ok(Href::External("MAILTO:x@example.org".into())));
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "../etc/passwd.md", "/abs", ""] {
            assert!(Href::parse(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn raw_html_is_refused_with_its_offset() {
        assert_eq!(parse("ok\n\n<div>x</div>\n").unwrap_err().0, 4);
        assert_eq!(parse("a <script>x</script>").unwrap_err().0, 2);
    }
}
