//! Draws a lesson's document tree as Yew nodes. Nothing here sets `innerHTML`: a lesson's
//! text is always text.

use yew::prelude::*;
use yew_router::prelude::*;

use super::app::Route;
use crate::course::{Block, Document, Href, Inline};

#[derive(Properties, PartialEq)]
pub struct DocumentViewProps {
    pub document: Document,
    /// The terminal's world, for exercises' live goals; `version` changes after each command.
    #[prop_or_default]
    pub watch: Option<Watch>,
}

/// What an exercise watches: the page's engine and how many times it has changed, the
/// learner's stored state for it, and where its buttons report.
#[derive(Clone, PartialEq)]
pub struct Watch {
    pub engine: super::terminal::SharedEngine,
    pub version: u64,
    pub hints_shown: usize,
    pub solution_shown: bool,
    /// Lines typed in the exercise so far: undo needs one, and success sets them beside the
    /// reference solution.
    pub lines: Vec<String>,
    pub on_action: Callback<ExerciseAction>,
}

/// What an exercise's buttons ask the page to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseAction {
    /// Open the next hint.
    Hint,
    /// Take back the last command: the world is rebuilt without it.
    Undo,
    /// Start the exercise again from its scenario.
    Reset,
    /// Go back to just after the first this-many commands.
    Rewind(usize),
    /// Show the reference solution (after the learner confirmed).
    ShowSolution,
}

/// A whole lesson body.
#[function_component(DocumentView)]
pub fn document_view(props: &DocumentViewProps) -> Html {
    // Only the lesson's first exercise is wired to the terminal (issue 4 adds switching).
    let first_exercise = props.document.blocks.iter().position(|node| matches!(node, Block::Exercise(_)));
    html! { <>{ for props.document.blocks.iter().enumerate().map(|(index, node)| block(node, if Some(index) == first_exercise { props.watch.as_ref() } else { None })) }</> }
}

fn block(node: &Block, watch: Option<&Watch>) -> Html {
    match node {
        Block::Heading { level, anchor, content } => {
            let tag = format!("h{}", level.clamp(&1, &6));
            html! { <@{tag} id={anchor.clone()}>{ inlines(content) }</@> }
        }
        Block::Paragraph(content) => html! { <p>{ inlines(content) }</p> },
        Block::Code { lang, text } => {
            let class = if lang.is_empty() { String::from("code") } else { format!("code language-{lang}") };
            let label = if lang.is_empty() { String::from("Code") } else { format!("{lang} code") };
            html! { <pre class={class} aria-label={label} tabindex="0"><code>{ text.clone() }</code></pre> }
        }
        Block::List { start: Some(start), items } => html! {
            <ol start={start.to_string()}>{ for items.iter().map(list_item) }</ol>
        },
        Block::List { start: None, items } => html! { <ul>{ for items.iter().map(list_item) }</ul> },
        Block::Quote(blocks) => html! { <blockquote>{ for blocks.iter().map(|inner| block(inner, None)) }</blockquote> },
        Block::Table { head, rows } => html! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table">
                <table>
                    <thead><tr>{ for head.iter().map(|cell| html! { <th scope="col">{ inlines(cell) }</th> }) }</tr></thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>{ for row.iter().map(|cell| html! { <td>{ inlines(cell) }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
        Block::Rule => html! { <hr /> },
        // The live checklist with hints, undo, reset and the solution. (Interactive quizzes
        // are still to come: their answers read as plain, accessible text.)
        Block::Exercise(exercise) => {
            use crate::exercises::Run;
            let heading = format!("exercise-{}", exercise.id);
            // Live when the terminal's world is watched: each goal says whether it is met.
            let progress: Vec<(String, Option<bool>)> = match watch {
                Some(watch) => exercise.progress(&watch.engine.0.borrow()).into_iter().map(|(name, met)| (name, Some(met))).collect(),
                None => exercise.goals.iter().map(|goal| (goal.name.clone(), None)).collect(),
            };
            let done = !progress.is_empty() && progress.iter().all(|(_, met)| *met == Some(true));
            html! {
                <section class="exercise" aria-labelledby={heading.clone()}>
                    <h3 id={heading}>{ format!("Exercise: {}", exercise.title) }</h3>
                    <ul aria-label="Goals" class="goals">
                        { for progress.iter().map(|(name, met)| {
                            let (class, mark, state) = match met {
                                Some(true) => ("goal met", "✓", "done: "),
                                Some(false) => ("goal", "○", "not done yet: "),
                                None => ("goal", "○", ""),
                            };
                            html! { <li class={class}><span aria-hidden="true">{ mark }{ " " }</span><span class="visually-hidden">{ state }</span>{ name.clone() }</li> }
                        }) }
                    </ul>
                    <p role="status" class="exercise-status">{ if done { "Well done: every goal is met." } else { "" } }</p>
                    if let (true, Some(watch)) = (done, watch) {
                        { success_summary(exercise, &watch.lines) }
                    }
                    { exercise_controls(exercise, watch) }
                </section>
            }
        }
        Block::Quiz(quiz) => html! {
            <section class="quiz" aria-label="Quiz">
                { for quiz.questions.iter().map(|question| html! { <QuizQuestion question={question.clone()} /> }) }
            </section>
        },
        Block::TryIt(lines) => html! { <pre class="code language-sh" aria-label="Commands to try" tabindex="0"><code>{ lines.join("\n") }</code></pre> },
    }
}

fn list_item(blocks: &Vec<Block>) -> Html {
    // A tight list item is one paragraph: draw its text without a <p> around it.
    match blocks.as_slice() {
        [Block::Paragraph(content)] => html! { <li>{ inlines(content) }</li> },
        _ => html! { <li>{ for blocks.iter().map(|inner| block(inner, None)) }</li> },
    }
}

fn inlines(content: &[Inline]) -> Html {
    html! { <>{ for content.iter().map(inline) }</> }
}

fn inline(inline: &Inline) -> Html {
    match inline {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Code(code) => html! { <code>{ code.clone() }</code> },
        Inline::Emphasis(content) => html! { <em>{ inlines(content) }</em> },
        Inline::Strong(content) => html! { <strong>{ inlines(content) }</strong> },
        Inline::Strikethrough(content) => html! { <del>{ inlines(content) }</del> },
        Inline::Link { href, content } => link(href, content),
        Inline::Image { src, alt } => html! { <img src={src.clone()} alt={alt.clone()} /> },
        Inline::SoftBreak => html! { { " " } },
        Inline::HardBreak => html! { <br /> },
    }
}

fn link(href: &Href, content: &[Inline]) -> Html {
    match href {
        Href::Lesson { slug, .. } => html! {
            <Link<Route> to={Route::Lesson { slug: slug.clone() }}>{ inlines(content) }</Link<Route>>
        },
        Href::Anchor(anchor) => {
            // With `<base href>` set, a bare `#anchor` would resolve against the base and leave
            // the page, so the link scrolls to its heading itself.
            let target = anchor.clone();
            let onclick = Callback::from(move |event: MouseEvent| {
                event.prevent_default();
                let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&target));
                if let Some(element) = element {
                    element.scroll_into_view();
                }
            });
            html! { <a href={format!("#{anchor}")} {onclick}>{ inlines(content) }</a> }
        }
        Href::External(url) => html! {
            <a href={url.clone()} rel="noopener noreferrer" class="external">{ inlines(content) }</a>
        },
    }
}

/// Hints one at a time, undo and reset, and the solution behind a confirmation. Without a
/// watched terminal (an exercise that is not the lesson's first) the hints and solution are
/// plain disclosures.
fn exercise_controls(exercise: &crate::course::exercise::Exercise, watch: Option<&Watch>) -> Html {
    let Some(watch) = watch else {
        return html! {
            <>
                { for exercise.hints.iter().enumerate().map(|(index, hint)| html! {
                    <details><summary>{ format!("Hint {}", index + 1) }</summary><p>{ hint.clone() }</p></details>
                }) }
                <details><summary>{ "Show the solution" }</summary><pre class="code language-sh"><code>{ exercise.solution.join("\n") }</code></pre></details>
            </>
        };
    };
    let action = |action: ExerciseAction| {
        let on_action = watch.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action))
    };
    let shown = watch.hints_shown.min(exercise.hints.len());
    html! {
        <>
            { for exercise.hints.iter().take(shown).enumerate().map(|(index, hint)| html! {
                <p class="hint"><strong>{ format!("Hint {}: ", index + 1) }</strong>{ hint.clone() }</p>
            }) }
            <div class="exercise-actions">
                if shown < exercise.hints.len() {
                    <button type="button" onclick={action(ExerciseAction::Hint)}>{ format!("Show hint {} of {}", shown + 1, exercise.hints.len()) }</button>
                }
                <button type="button" disabled={watch.lines.is_empty()} onclick={action(ExerciseAction::Undo)}>{ "Undo last command" }</button>
                <ConfirmButton label="Reset exercise…" question="Start this exercise again from the beginning? Your commands in it are forgotten."
                    yes="Yes, reset" no="Keep my work" on_confirm={action(ExerciseAction::Reset)} />
            </div>
            if watch.lines.len() > 1 {
                <details class="history">
                    <summary>{ format!("Your commands ({}): rewind to any point", watch.lines.len()) }</summary>
                    <ol>
                        { for watch.lines.iter().enumerate().map(|(index, line)| html! {
                            <li>
                                <code>{ line.clone() }</code>{ " " }
                                if index + 1 < watch.lines.len() {
                                    <button type="button" onclick={action(ExerciseAction::Rewind(index + 1))}
                                        aria-label={format!("Rewind to just after command {}", index + 1)}>{ "Rewind to here" }</button>
                                }
                            </li>
                        }) }
                    </ol>
                </details>
            }
            if watch.solution_shown {
                <div class="solution">
                    <p><strong>{ "Reference solution" }</strong></p>
                    <pre class="code language-sh"><code>{ exercise.solution.join("\n") }</code></pre>
                </div>
            } else {
                <ConfirmButton label="Show the solution…" question="Show the reference solution? Working it out yourself is how it sticks; the hints may be enough."
                    yes="Yes, show it" no="Not yet" on_confirm={action(ExerciseAction::ShowSolution)} />
            }
        </>
    }
}

/// On success: the learner's commands beside the reference solution, to compare approaches.
fn success_summary(exercise: &crate::course::exercise::Exercise, lines: &[String]) -> Html {
    let typed = lines.len();
    html! {
        <div class="success-summary">
            <div>
                <p><strong>{ format!("Your {typed} {}", if typed == 1 { "command" } else { "commands" }) }</strong></p>
                <pre class="code language-sh"><code>{ lines.join("\n") }</code></pre>
            </div>
            <div>
                <p><strong>{ "The reference solution" }</strong></p>
                <pre class="code language-sh"><code>{ exercise.solution.join("\n") }</code></pre>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// The button's text, such as "Show the solution…".
    pub label: AttrValue,
    /// The question asked before acting; also the group's accessible name.
    pub question: AttrValue,
    pub yes: AttrValue,
    pub no: AttrValue,
    pub on_confirm: Callback<MouseEvent>,
}

/// A button that asks first: for actions that spoil an exercise or lose work.
#[function_component(ConfirmButton)]
pub fn confirm_button(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| false);
    if *asking {
        let cancel = {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(false))
        };
        let confirm = {
            let (asking, on_confirm) = (asking.clone(), props.on_confirm.clone());
            Callback::from(move |event: MouseEvent| {
                asking.set(false);
                on_confirm.emit(event);
            })
        };
        html! {
            <span class="confirm" role="group" aria-label={props.question.clone()}>
                { props.question.clone() }{ " " }
                <button type="button" onclick={confirm}>{ props.yes.clone() }</button>
                <button type="button" onclick={cancel}>{ props.no.clone() }</button>
            </span>
        }
    } else {
        let ask = Callback::from(move |_: MouseEvent| asking.set(true));
        html! { <button type="button" onclick={ask}>{ props.label.clone() }</button> }
    }
}

#[derive(Properties, PartialEq)]
struct QuizQuestionProps {
    question: crate::course::exercise::Question,
}

/// One question: pick a choice and read why it is right or wrong; try the others too.
#[function_component(QuizQuestion)]
fn quiz_question(props: &QuizQuestionProps) -> Html {
    // Radio groups need a name unique in the page.
    let name = use_state(|| {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        format!("quiz-question-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    });
    let picked = use_state(|| None::<usize>);
    let question = &props.question;
    let feedback = picked.and_then(|index| question.choices.get(index)).map(|choice| {
        let verdict = if choice.correct { "Right." } else { "Not quite." };
        (choice.correct, format!("{verdict} {}", choice.why))
    });
    html! {
        <fieldset class="question">
            <legend>{ question.prompt.clone() }</legend>
            { for question.choices.iter().enumerate().map(|(index, choice)| {
                let id = format!("{}-{index}", *name);
                let onchange = {
                    let picked = picked.clone();
                    Callback::from(move |_: Event| picked.set(Some(index)))
                };
                html! {
                    <div class="choice">
                        <input type="radio" id={id.clone()} name={(*name).clone()} checked={*picked == Some(index)} {onchange} />
                        <label for={id}>{ choice.text.clone() }</label>
                    </div>
                }
            }) }
            <p role="status" class={classes!("feedback", feedback.as_ref().map(|(right, _)| if *right { "right" } else { "wrong" }))}>
                { feedback.map(|(_, text)| text).unwrap_or_default() }
            </p>
        </fieldset>
    }
}
