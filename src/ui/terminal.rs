//! The terminal panel: a screen of output lines and a prompt that sends each line to the
//! engine. Its input is a textbox named "Terminal"; its output is a `log` region.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::{Engine, Outcome, Stream};

/// The most lines the screen keeps; older ones scroll away, as in a real terminal.
pub const SCROLLBACK_LINES: usize = 5_000;

/// What a span of text on the screen is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// The prompt and the line typed after it.
    Input,
    Stdout,
    Stderr,
}

/// A run of text of one kind on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// The terminal's screen as lines of spans. The last line stays open until a newline
/// ends it, so `echo -n hi` leaves the next prompt beside `hi`, as a real terminal does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    pub lines: Vec<Vec<Span>>,
    /// Whether the last line has been ended by a newline.
    last_line_closed: bool,
}

impl Screen {
    /// Writes text of one kind, honouring newlines and the `clear` escape sequence.
    pub fn write(&mut self, kind: SpanKind, text: &str) {
        // `clear` homes the cursor and erases the screen and the scrollback.
        let text = match text.rfind("\x1b[2J") {
            Some(index) => {
                self.lines.clear();
                self.last_line_closed = false;
                let after = &text[index + "\x1b[2J".len()..];
                after.strip_prefix("\x1b[3J").unwrap_or(after)
            }
            None => text,
        };
        for (index, piece) in text.split('\n').enumerate() {
            if index > 0 {
                self.close_line();
            }
            if !piece.is_empty() {
                self.append(kind, piece);
            }
        }
        let overflow = self.lines.len().saturating_sub(SCROLLBACK_LINES);
        self.lines.drain(..overflow);
    }

    /// Writes a command's output, both streams in order.
    pub fn write_outcome(&mut self, outcome: &Outcome) {
        for chunk in &outcome.chunks {
            let kind = match chunk.stream {
                Stream::Stdout => SpanKind::Stdout,
                Stream::Stderr => SpanKind::Stderr,
            };
            self.write(kind, &chunk.text);
        }
    }

    fn close_line(&mut self) {
        if self.last_line_closed || self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        self.last_line_closed = true;
    }

    fn append(&mut self, kind: SpanKind, text: &str) {
        if self.last_line_closed || self.lines.is_empty() {
            self.lines.push(Vec::new());
            self.last_line_closed = false;
        }
        let line = self.lines.last_mut().expect("a line was just ensured");
        match line.last_mut() {
            Some(span) if span.kind == kind => span.text.push_str(text),
            _ => line.push(Span { kind, text: text.to_string() }),
        }
    }

    /// The screen as plain text, one `\n` per line.
    pub fn text(&self) -> String {
        self.lines.iter().map(|line| line.iter().map(|span| span.text.as_str()).collect::<String>() + "\n").collect()
    }
}

/// An engine shared between the terminal and what watches it (an exercise's checklist).
#[derive(Clone)]
pub struct SharedEngine(pub Rc<RefCell<Engine>>);

impl PartialEq for SharedEngine {
    fn eq(&self, other: &SharedEngine) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct TerminalProps {
    /// The engine to drive; without one, the terminal has its own fresh world.
    #[prop_or_default]
    pub engine: Option<SharedEngine>,
    /// Called after every line and key, so that watchers can look at the world again.
    #[prop_or_default]
    pub on_change: Callback<()>,
    /// Called with a line before it runs, so that it is written down first.
    #[prop_or_default]
    pub before_line: Callback<String>,
    /// A note shown first in the output, such as "undid `docker ps`".
    #[prop_or_default]
    pub greeting: Option<String>,
    /// A line a "Try it" button typed: it replaces the input, and the input takes the focus.
    /// The number makes the same line typed twice a change.
    #[prop_or_default]
    pub typed: Option<(u64, String)>,
}

/// Tab on `line`: the line with its last word completed as far as the candidates agree,
/// and the candidates to list when that adds nothing and there are several.
pub fn complete_line(line: &str, candidates: &[String]) -> (String, Vec<String>) {
    let start = line.rfind(char::is_whitespace).map_or(0, |index| index + 1);
    let (head, word) = line.split_at(start);
    let matching: Vec<&String> = candidates.iter().filter(|candidate| candidate.starts_with(word)).collect();
    match matching.as_slice() {
        [] => (line.to_string(), Vec::new()),
        [only] => {
            let space = if only.ends_with('/') { "" } else { " " };
            (format!("{head}{only}{space}"), Vec::new())
        }
        several => {
            let mut common = several[0].as_str();
            for candidate in &several[1..] {
                let shared = common.chars().zip(candidate.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
                common = &common[..shared];
            }
            if common.len() > word.len() {
                (format!("{head}{common}"), Vec::new())
            } else {
                (line.to_string(), several.iter().map(|candidate| candidate.to_string()).collect())
            }
        }
    }
}

/// The terminal panel.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let own = use_mut_ref(|| Engine::new(0));
    let engine = props.engine.as_ref().map_or_else(|| own.clone(), |shared| shared.0.clone());
    let on_change = props.on_change.clone();
    let before_line = props.before_line.clone();
    let greeting = props.greeting.clone();
    let screen = use_state(move || {
        let mut screen = Screen::default();
        if let Some(greeting) = greeting {
            screen.write(SpanKind::Stdout, &format!("{greeting}\n"));
        }
        screen
    });
    let input = use_state(String::new);
    let output_ref = use_node_ref();
    let input_ref = use_node_ref();
    // Lines entered, oldest first, and where ↑/↓ is in them (None: at the fresh line).
    let history = use_mut_ref(Vec::<String>::new);
    let recalled = use_mut_ref(|| None::<usize>);
    // Escape was pressed: the next Tab leaves the terminal instead of completing.
    let escaped = use_mut_ref(|| false);

    // A "Try it" button typed a line: show it in the input and hand the input the focus.
    {
        let (input, input_ref) = (input.clone(), input_ref.clone());
        use_effect_with(props.typed.clone(), move |typed| {
            if let Some((_, line)) = typed {
                input.set(line.clone());
                if let Some(element) = input_ref.cast::<HtmlInputElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    // Ctrl-P was pressed and Ctrl-Q may follow (Docker's detach keys).
    let ctrl_p = use_state(|| false);

    // Keep the newest output in view.
    {
        let output_ref = output_ref.clone();
        use_effect_with(screen.clone(), move |_| {
            if let Some(output) = output_ref.cast::<web_sys::Element>() {
                output.set_scroll_top(output.scroll_height());
            }
        });
    }

    let oninput = {
        let input = input.clone();
        Callback::from(move |event: InputEvent| {
            let target: HtmlInputElement = event.target_unchecked_into();
            input.set(target.value());
        })
    };
    let onkeydown = {
        let (engine, screen, input, ctrl_p) = (engine.clone(), screen.clone(), input.clone(), ctrl_p.clone());
        let (history, recalled, escaped) = (history.clone(), recalled.clone(), escaped.clone());
        Callback::from(move |event: KeyboardEvent| {
            let changed = on_change.clone();
            let leaving = std::mem::replace(&mut *escaped.borrow_mut(), event.key() == "Escape");
            if event.key() == "Enter" {
                event.prevent_default();
                let line = (*input).clone();
                input.set(String::new());
                *recalled.borrow_mut() = None;
                if !line.trim().is_empty() && history.borrow().last() != Some(&line) {
                    history.borrow_mut().push(line.clone());
                }
                before_line.emit(line.clone());
                screen.set(run_line(&engine, &screen, &line));
                changed.emit(());
            } else if matches!(event.key().as_str(), "ArrowUp" | "ArrowDown") {
                event.prevent_default();
                let history = history.borrow();
                let mut recalled = recalled.borrow_mut();
                let next = match (event.key().as_str(), *recalled) {
                    ("ArrowUp", None) => history.len().checked_sub(1),
                    ("ArrowUp", Some(index)) => Some(index.saturating_sub(1)),
                    (_, Some(index)) if index + 1 < history.len() => Some(index + 1),
                    _ => None,
                };
                if next.is_some() || recalled.is_some() {
                    input.set(next.map(|index| history[index].clone()).unwrap_or_default());
                    *recalled = next;
                }
            } else if event.key() == "Tab" && !event.shift_key() && !leaving {
                // Tab completes instead of leaving the input; Shift-Tab still moves the focus
                // back, and Escape then Tab leaves forwards (the input's description says so).
                event.prevent_default();
                let line = (*input).clone();
                let candidates = engine.borrow().complete(&line);
                let (completed, listed) = complete_line(&line, &candidates);
                if !listed.is_empty() {
                    let mut next = (*screen).clone();
                    next.write(SpanKind::Input, &format!("{}{line}\n", engine.borrow().prompt()));
                    next.write(SpanKind::Stdout, &format!("{}\n", listed.join("  ")));
                    screen.set(next);
                }
                input.set(completed);
            } else if event.ctrl_key() && event.key() == "l" {
                // Ctrl-L clears the screen and keeps what is being typed, as bash does.
                event.prevent_default();
                screen.set(Screen::default());
            } else if event.ctrl_key() && matches!(event.key().as_str(), "c" | "d" | "p" | "q") {
                let key = event.key();
                let typed = (*input).clone();
                let has_job = engine.borrow().has_foreground_job();
                // Ctrl-D and Ctrl-P Ctrl-Q mean something only inside a container; elsewhere
                // the browser keeps its own shortcuts.
                if key == "c" || has_job {
                    event.prevent_default();
                }
                match key.as_str() {
                    "c" => {
                        input.set(String::new());
                        screen.set(send_key(&engine, &screen, &format!("{typed}^C"), Key::Interrupt));
                    }
                    "d" if has_job && typed.is_empty() => screen.set(send_key(&engine, &screen, "", Key::EndOfInput)),
                    "p" if has_job => ctrl_p.set(true),
                    "q" if has_job && *ctrl_p => {
                        ctrl_p.set(false);
                        screen.set(send_key(&engine, &screen, &typed, Key::Detach));
                    }
                    _ => {}
                }
                if key != "p" {
                    ctrl_p.set(false);
                }
                changed.emit(());
            }
        })
    };
    // Pasting several lines runs each, as a terminal does (a text input would join them).
    let onpaste = {
        let (engine, screen, input, history, before_line, on_change) = (engine.clone(), screen.clone(), input.clone(), history.clone(), props.before_line.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let Some(paste) = wasm_bindgen::JsCast::dyn_ref::<web_sys::ClipboardEvent>(&event) else { return };
            let Some(text) = paste.clipboard_data().and_then(|data| data.get_data("text/plain").ok()) else { return };
            if !text.contains(['\n', '\r']) {
                return;
            }
            event.prevent_default();
            let (lines, rest) = split_paste(&input, &text);
            let mut next = (*screen).clone();
            for line in lines {
                if !line.trim().is_empty() && history.borrow().last() != Some(&line) {
                    history.borrow_mut().push(line.clone());
                }
                before_line.emit(line.clone());
                run_into(&engine, &mut next, &line);
                on_change.emit(());
            }
            screen.set(next);
            input.set(rest);
        })
    };
    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let selecting = web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed());
            if !selecting
                && let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
        })
    };
    let prompt = engine.borrow().prompt();

    html! {
        <div class="terminal" onclick={focus_input}>
            <div class="terminal-output" role="log" aria-label="Terminal output" tabindex="0" ref={output_ref}>
                { for screen.lines.iter().map(|line| html! {
                    <div class="line">
                        { for line.iter().map(|span| html! { <span class={span_class(span.kind)}>{ span.text.clone() }</span> }) }
                    </div>
                }) }
            </div>
            <div class="terminal-input">
                <label for="terminal-input" class="visually-hidden">{ "Terminal: type a command and press Enter" }</label>
                <span class="prompt" aria-hidden="true">{ prompt }</span>
                <input id="terminal-input" type="text" ref={input_ref} value={(*input).clone()} {oninput} {onkeydown} {onpaste}
                    autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="terminal-keys" />
                <p id="terminal-keys" class="visually-hidden">{ "Up and Down recall earlier commands, Tab completes, Ctrl-C interrupts, Ctrl-L clears the screen. Inside a container, Ctrl-D ends its shell and Ctrl-P then Ctrl-Q detaches. To leave the terminal, press Escape, then Tab." }</p>
            </div>
        </div>
    }
}

fn span_class(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Input => "input",
        SpanKind::Stdout => "stdout",
        SpanKind::Stderr => "stderr",
    }
}

/// Echoes the prompt and the line, runs it, and writes its output.
fn run_line(engine: &Rc<RefCell<Engine>>, screen: &Screen, line: &str) -> Screen {
    let mut next = screen.clone();
    run_into(engine, &mut next, line);
    next
}

/// `run_line` onto a screen being built (several lines in one event).
fn run_into(engine: &Rc<RefCell<Engine>>, screen: &mut Screen, line: &str) {
    let mut engine = engine.borrow_mut();
    screen.write(SpanKind::Input, &format!("{}{line}\n", engine.prompt()));
    let outcome = engine.run(line);
    screen.write_outcome(&outcome);
}

/// Pasted text with line breaks, after what was already typed: the lines to run now, and
/// what stays in the input (the text after the last line break).
pub fn split_paste(typed: &str, pasted: &str) -> (Vec<String>, String) {
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = format!("{typed}{pasted}").split('\n').map(String::from).collect();
    let rest = lines.pop().unwrap_or_default();
    (lines, rest)
}

/// The keys the terminal passes to the engine.
enum Key {
    Interrupt,
    EndOfInput,
    Detach,
}

/// Echoes the prompt and what the key looks like, then sends the key.
fn send_key(engine: &Rc<RefCell<Engine>>, screen: &Screen, shown: &str, key: Key) -> Screen {
    let mut next = screen.clone();
    let mut engine = engine.borrow_mut();
    next.write(SpanKind::Input, &format!("{}{shown}\n", engine.prompt()));
    let outcome = match key {
        Key::Interrupt => engine.interrupt(),
        Key::EndOfInput => engine.end_of_input(),
        Key::Detach => engine.detach(),
    };
    next.write_outcome(&outcome);
    next
}
