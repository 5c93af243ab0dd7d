//! Draws a lesson's document tree as Yew nodes. Nothing here sets `innerHTML`: a lesson's
//! text is always text.

use yew::prelude::*;

use super::app::{Link, Route};
use crate::course::{Block, Document, Href, Inline};

#[derive(Properties, PartialEq)]
pub struct DocumentViewProps {
    pub document: Document,
    /// The lesson page's state and callbacks; without them the document is read-only text.
    #[prop_or_default]
    pub hooks: Option<LessonHooks>,
}

/// What a lesson's interactive blocks need from the page.
#[derive(Clone, PartialEq)]
pub struct LessonHooks {
    pub slug: String,
    /// The exercise the terminal works on, watched live.
    pub watch: Option<Watch>,
    /// Exercises solved, by id.
    pub solved: Vec<String>,
    /// Stored picks and typed answers, by key (see `Progress::answers`).
    pub answers: std::collections::BTreeMap<String, String>,
    /// Types a line into the terminal ("Try it").
    pub on_try: Callback<String>,
    /// Moves the terminal to another exercise of the lesson, by id.
    pub on_activate: Callback<String>,
    /// Stores a pick or a typed answer: (key, value).
    pub on_answer: Callback<(String, String)>,
}

/// What an exercise watches: the page's engine and how many times it has changed, the
/// learner's stored state for it, and where its buttons report.
#[derive(Clone, PartialEq)]
pub struct Watch {
    /// The exercise the terminal works on.
    pub exercise: String,
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
    html! { <>{ for props.document.blocks.iter().map(|node| block(node, props.hooks.as_ref())) }</> }
}

fn block(node: &Block, hooks: Option<&LessonHooks>) -> Html {
    match node {
        Block::Heading { level, anchor, content } => {
            let tag = format!("h{}", level.clamp(&1, &6));
            html! { <@{tag} id={anchor.clone()}>{ inlines(content) }</@> }
        }
        Block::Paragraph(content) => html! { <p>{ inlines(content) }</p> },
        Block::Code { lang, text } => {
            let class = if lang.is_empty() { String::from("code") } else { format!("code language-{lang}") };
            let label = if lang.is_empty() { String::from("Code") } else { format!("{lang} code") };
            let tokens = crate::course::highlight::highlight(lang, text);
            html! {
                <pre class={class} aria-label={label} tabindex="0"><code>
                    { for tokens.into_iter().map(|(token, piece)| match token {
                        crate::course::highlight::Token::Plain => html! { { piece } },
                        _ => html! { <span class={token.class()}>{ piece }</span> },
                    }) }
                </code></pre>
            }
        }
        Block::List { start: Some(start), items } => html! {
            <ol start={start.to_string()}>{ for items.iter().map(|item| list_item(item, hooks)) }</ol>
        },
        Block::List { start: None, items } => html! { <ul>{ for items.iter().map(|item| list_item(item, hooks)) }</ul> },
        Block::Quote(blocks) => html! { <blockquote>{ for blocks.iter().map(|inner| block(inner, hooks)) }</blockquote> },
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
        Block::Exercise(exercise) => exercise_block(exercise, hooks),
        Block::Quiz(quiz) => html! {
            <section class="quiz" aria-label="Quiz">
                { for quiz.questions.iter().map(|item| {
                    // Kept by the question's prompt and the chosen choice's text, so a pick
                    // survives questions and choices moving about in the lesson.
                    let key = hooks.map(|hooks| format!("quiz:{}:{}", hooks.slug, item.prompt));
                    let stored = key.as_ref().zip(hooks).and_then(|(key, hooks)| hooks.answers.get(key)).and_then(|text| pick_of(&item.choices, text));
                    let on_pick = pick_store(&item.choices, store(hooks, key));
                    html! { <QuizQuestion question={item.clone()} {stored} {on_pick} /> }
                }) }
            </section>
        },
        Block::TryIt(lines) => html! {
            <div class="try-it" role="group" aria-label="Commands to try">
                { for lines.iter().map(|line| {
                    let on_try = hooks.map(|hooks| hooks.on_try.clone());
                    let typed = line.clone();
                    html! {
                        <div class="try-line">
                            <code>{ line.clone() }</code>
                            if let Some(on_try) = on_try {
                                <button type="button" class="try" aria-label={format!("Try it: {line}")}
                                    onclick={Callback::from(move |_: MouseEvent| on_try.emit(typed.clone()))}>{ "Try it" }</button>
                            }
                        </div>
                    }
                }) }
            </div>
        },
        Block::Answer(answer) => {
            let stored = hooks.and_then(|hooks| hooks.answers.get(&answer.id).cloned());
            html! { <TypedAnswer answer={answer.clone()} {stored} on_answer={store(hooks, Some(answer.id.clone()))} /> }
        }
        Block::Predict(predict) => {
            let stored = hooks.and_then(|hooks| hooks.answers.get(&predict.id)).and_then(|text| pick_of(&predict.choices, text));
            html! { <Prediction predict={predict.clone()} {stored} on_pick={pick_store(&predict.choices, store(hooks, Some(predict.id.clone())))} /> }
        }
    }
}

/// A callback that stores a value under `key` through the page (nothing without a page).
fn store<T: ToString + 'static>(hooks: Option<&LessonHooks>, key: Option<String>) -> Callback<T> {
    match (hooks, key) {
        (Some(hooks), Some(key)) => {
            let on_answer = hooks.on_answer.clone();
            Callback::from(move |value: T| on_answer.emit((key.clone(), value.to_string())))
        }
        _ => Callback::noop(),
    }
}

/// The index of the choice whose text was stored.
fn pick_of(choices: &[crate::course::exercise::Choice], text: &str) -> Option<usize> {
    choices.iter().position(|choice| choice.text == text)
}

/// A pick callback that stores the chosen choice's text.
fn pick_store(choices: &[crate::course::exercise::Choice], store: Callback<String>) -> Callback<usize> {
    let texts: Vec<String> = choices.iter().map(|choice| choice.text.clone()).collect();
    Callback::from(move |index: usize| {
        if let Some(text) = texts.get(index) {
            store.emit(text.clone());
        }
    })
}

/// An exercise: live against the terminal when it is the one the terminal works on;
/// otherwise its goals, whether it was solved, and a button that moves the terminal to it.
fn exercise_block(exercise: &crate::course::exercise::Exercise, hooks: Option<&LessonHooks>) -> Html {
    use crate::exercises::Run;
    let heading = format!("exercise-{}", exercise.id);
    let watch = hooks.and_then(|hooks| hooks.watch.as_ref()).filter(|watch| watch.exercise == exercise.id);
    let solved = hooks.is_some_and(|hooks| hooks.solved.contains(&exercise.id));
    // Live when the terminal's world is watched: each goal says whether it is met.
    let progress: Vec<(String, Option<bool>)> = match watch {
        Some(watch) => exercise.progress(&watch.engine.0.borrow()).into_iter().map(|(name, met)| (name, Some(met))).collect(),
        None => exercise.goals.iter().map(|goal| (goal.name.clone(), None)).collect(),
    };
    let done = !progress.is_empty() && progress.iter().all(|(_, met)| *met == Some(true));
    let activate = hooks.filter(|_| watch.is_none()).map(|hooks| {
        let (on_activate, id) = (hooks.on_activate.clone(), exercise.id.clone());
        Callback::from(move |_: MouseEvent| on_activate.emit(id.clone()))
    });
    html! {
        <section class={classes!("exercise", watch.is_some().then_some("active"))} aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ format!("Exercise: {}", exercise.title) }</h3>
            if let Some(activate) = activate {
                <p class="exercise-switch">
                    { if solved { "Solved. " } else { "" } }
                    <button type="button" onclick={activate}>{ if solved { "Open it in the terminal again" } else { "Work on this exercise in the terminal" } }</button>
                </p>
            }
            <ul aria-label="Goals" class="goals">
                { for progress.iter().map(|(name, met)| {
                    let (class, mark, state) = match met {
                        Some(true) => ("goal met", "✓", "done: "),
                        Some(false) => ("goal", "○", "not done yet: "),
                        None => ("goal", "○", ""),
                    };
                    html! { <li class={class}><span aria-hidden="true">{ mark }{ " " }</span><span class="visually-hidden">{ state }</span>{ rich(name) }</li> }
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

fn list_item(blocks: &[Block], hooks: Option<&LessonHooks>) -> Html {
    // A tight list item is one paragraph: draw its text without a <p> around it.
    match blocks {
        [Block::Paragraph(content)] => html! { <li>{ inlines(content) }</li> },
        _ => html! { <li>{ for blocks.iter().map(|inner| block(inner, hooks)) }</li> },
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
            <Link to={Route::Lesson { slug: slug.clone() }}>{ inlines(content) }</Link>
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
/// watched terminal (an exercise the terminal is not on) the hints and solution are plain
/// disclosures.
fn exercise_controls(exercise: &crate::course::exercise::Exercise, watch: Option<&Watch>) -> Html {
    let Some(watch) = watch else {
        return html! {
            <>
                { for exercise.hints.iter().enumerate().map(|(index, hint)| html! {
                    <details><summary>{ format!("Hint {}", index + 1) }</summary><p>{ rich(hint) }</p></details>
                }) }
                <details><summary>{ "Show the solution" }</summary>{ commands("The reference solution", &exercise.solution.join("\n")) }</details>
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
                <p class="hint"><strong>{ format!("Hint {}: ", index + 1) }</strong>{ rich(hint) }</p>
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
                    { commands("The reference solution", &exercise.solution.join("\n")) }
                </div>
            } else {
                <ConfirmButton label="Show the solution…" question="Show the reference solution? Working it out yourself is how it sticks; the hints may be enough."
                    yes="Yes, show it" no="Not yet" on_confirm={action(ExerciseAction::ShowSolution)} />
            }
        </>
    }
}

/// Lines of shell in a labelled block that the keyboard can reach and scroll.
fn commands(label: &'static str, text: &str) -> Html {
    html! { <pre class="code language-sh" aria-label={label} tabindex="0"><code>{ text.to_string() }</code></pre> }
}

/// On success: the learner's commands beside the reference solution, to compare approaches.
fn success_summary(exercise: &crate::course::exercise::Exercise, lines: &[String]) -> Html {
    let typed = lines.len();
    html! {
        <div class="success-summary">
            <div>
                <p><strong>{ format!("Your {typed} {}", if typed == 1 { "command" } else { "commands" }) }</strong></p>
                { commands("Your commands", &lines.join("\n")) }
            </div>
            <div>
                <p><strong>{ "The reference solution" }</strong></p>
                { commands("The reference solution", &exercise.solution.join("\n")) }
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
    /// The choice picked on an earlier visit.
    stored: Option<usize>,
    on_pick: Callback<usize>,
}

/// A name unique in the page, for radio groups and labels.
fn unique(prefix: &str) -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Radio buttons for a set of choices; `picked` is the checked one.
fn choice_radios(name: &str, choices: &[crate::course::exercise::Choice], picked: Option<usize>, on_pick: &Callback<usize>) -> Html {
    html! {
        { for choices.iter().enumerate().map(|(index, choice)| {
            let id = format!("{name}-{index}");
            let on_pick = on_pick.clone();
            let onchange = Callback::from(move |_: Event| on_pick.emit(index));
            html! {
                <div class="choice">
                    <input type="radio" id={id.clone()} name={name.to_string()} checked={picked == Some(index)} {onchange} />
                    <label for={id}>{ rich(&choice.text) }</label>
                </div>
            }
        }) }
    }
}

/// Short text from an exercise or quiz, where `backticks` mark code (as in Markdown).
pub fn rich(text: &str) -> Html {
    let pieces: Vec<&str> = text.split('`').collect();
    // An unmatched backtick stays a backtick.
    if pieces.len().is_multiple_of(2) {
        return html! { { text.to_string() } };
    }
    html! {
        { for pieces.iter().enumerate().map(|(index, piece)| if index % 2 == 1 { html! { <code>{ piece.to_string() }</code> } } else { html! { { piece.to_string() } } }) }
    }
}

/// The live line under a question: right or wrong, and why (empty until there is a verdict).
fn feedback_line(feedback: Option<(bool, String)>) -> Html {
    let class = feedback.as_ref().map(|(right, _)| if *right { "right" } else { "wrong" });
    html! { <p role="status" class={classes!("feedback", class)}>{ feedback.map(|(_, text)| rich(&text)).unwrap_or_default() }</p> }
}

/// "Right." or "Not quite." and why, for a picked choice.
fn verdict(choice: &crate::course::exercise::Choice) -> (bool, String) {
    let verdict = if choice.correct { "Right." } else { "Not quite." };
    (choice.correct, format!("{verdict} {}", choice.why))
}

/// One question: pick a choice and read why it is right or wrong; try the others too. The
/// pick is kept, so the page shows it again on the next visit.
#[function_component(QuizQuestion)]
fn quiz_question(props: &QuizQuestionProps) -> Html {
    let name = use_state(|| unique("quiz-question"));
    let picked = use_state(|| props.stored);
    let question = &props.question;
    let feedback = picked.and_then(|index| question.choices.get(index)).map(verdict);
    let on_pick = {
        let (picked, store) = (picked.clone(), props.on_pick.clone());
        Callback::from(move |index: usize| {
            picked.set(Some(index));
            store.emit(index);
        })
    };
    html! {
        <fieldset class="question">
            <legend>{ rich(&question.prompt) }</legend>
            { choice_radios(&name, &question.choices, *picked, &on_pick) }
            { feedback_line(feedback) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct TypedAnswerProps {
    answer: crate::course::exercise::Answer,
    /// The answer typed on an earlier visit.
    stored: Option<String>,
    on_answer: Callback<String>,
}

/// A question answered by typing, checked against the block's patterns.
#[function_component(TypedAnswer)]
fn typed_answer(props: &TypedAnswerProps) -> Html {
    let id = use_state(|| unique("answer"));
    let text = use_state(|| props.stored.clone().unwrap_or_default());
    // The answer last checked: feedback describes it, not what is being typed now.
    let checked = use_state(|| props.stored.clone());
    let answer = &props.answer;
    let oninput = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            let target: web_sys::HtmlInputElement = event.target_unchecked_into();
            text.set(target.value());
        })
    };
    let onsubmit = {
        let (text, checked, store) = (text.clone(), checked.clone(), props.on_answer.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            checked.set(Some((*text).clone()));
            store.emit((*text).clone());
        })
    };
    let feedback = checked.as_ref().map(|typed| {
        if answer.accepts(typed) {
            (true, format!("Right. {}", answer.why))
        } else {
            let hint = answer.hint.clone().unwrap_or_else(|| "Have another look at the section above.".into());
            (false, format!("Not quite. {hint}"))
        }
    });
    html! {
        <form class="typed-answer" {onsubmit}>
            <label for={(*id).clone()}>{ rich(&answer.prompt) }</label>
            <div class="answer-row">
                <input id={(*id).clone()} type="text" value={(*text).clone()} {oninput} autocomplete="off" autocapitalize="off" spellcheck="false" />
                <button type="submit">{ "Check" }</button>
            </div>
            { feedback_line(feedback) }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PredictionProps {
    predict: crate::course::exercise::Predict,
    /// The prediction made (and run) on an earlier visit.
    stored: Option<usize>,
    on_pick: Callback<usize>,
}

/// Predict, then run: the "Run it" button waits for a prediction; running shows the real
/// output from a world of the block's own, then whether the prediction was right and why.
#[function_component(Prediction)]
fn prediction(props: &PredictionProps) -> Html {
    let name = use_state(|| unique("predict"));
    let picked = use_state(|| props.stored);
    let ran = use_state(|| props.stored.is_some());
    let predict = &props.predict;
    let output = use_memo((predict.clone(), *ran), |(predict, ran)| ran.then(|| crate::exercises::predict_output(predict)));
    let on_pick = {
        let (picked, ran) = (picked.clone(), ran.clone());
        Callback::from(move |index: usize| {
            // Changing the prediction after running it would make the check meaningless.
            if !*ran {
                picked.set(Some(index));
            }
        })
    };
    let run = {
        let (picked, ran, store) = (picked.clone(), ran.clone(), props.on_pick.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(index) = *picked {
                ran.set(true);
                store.emit(index);
            }
        })
    };
    let feedback = (*ran).then(|| picked.and_then(|index| predict.choices.get(index)).map(verdict)).flatten();
    html! {
        <section class="predict" aria-label="Predict, then run">
            <fieldset class="question" disabled={*ran}>
                <legend>{ "Predict: " }{ rich(&predict.prompt) }</legend>
                { choice_radios(&name, &predict.choices, *picked, &on_pick) }
            </fieldset>
            { commands("The command", &predict.run.iter().map(|line| format!("$ {line}")).collect::<Vec<_>>().join("\n")) }
            if !*ran {
                <button type="button" onclick={run} disabled={picked.is_none()}>{ if picked.is_none() { "Choose a prediction first" } else { "Run it" } }</button>
            }
            if let Some(output) = (*output).clone() {
                <pre class="code console predict-output" aria-label="What it printed" tabindex="0"><code>{ output }</code></pre>
            }
            { feedback_line(feedback) }
            if *ran {
                <details>
                    <summary>{ "Why each choice is right or wrong" }</summary>
                    <ul>{ for predict.choices.iter().map(|choice| html! { <li><strong>{ rich(&choice.text) }{ if choice.correct { " (right)" } else { "" } }</strong>{ ": " }{ rich(&choice.why) }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
