//! Markdown inlines: the text of a paragraph through pulldown-cmark into runs (emphasis, links,
//! images, footnote references), keeping every word.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::import::doc::{Inline, Note, NoteKind, Run};

use super::markdown::escape_line_starts;

struct Inlines<'n> {
    out: Vec<Inline>,
    strong: u32,
    em: u32,
    /// Open links: (from HTML `<a>`, target).
    links: Vec<(bool, Option<String>)>,
    /// Open images: (path, alternative text so far).
    images: Vec<(String, String)>,
    gap: bool,
    notes: &'n mut Vec<Note>,
}

impl Inlines<'_> {
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if std::mem::take(&mut self.gap) && !self.out.is_empty() {
            self.text(" ");
        }
        if let Some((_, alt)) = self.images.last_mut() {
            alt.push_str(s);
        }
        let link = self.links.last().and_then(|l| l.1.clone());
        let (bold, italic) = (self.strong > 0, self.em > 0);
        if let Some(Inline::Text(r)) = self.out.last_mut()
            && r.bold == bold
            && r.italic == italic
            && r.link == link
        {
            r.text.push_str(s);
            return;
        }
        self.out.push(Inline::Text(Run {
            text: s.to_string(),
            bold,
            italic,
            link,
        }));
    }

    fn image_note(&mut self, path: &str, alt: &str) {
        let alt = alt.trim();
        let message = if alt.is_empty() {
            format!(
                "the image {path} is not in a text export; it has no alternative text and must be added by hand"
            )
        } else {
            format!(
                "the image {path} is not in a text export; its alternative text \"{alt}\" was kept and the image must be added by hand"
            )
        };
        self.notes.push(Note {
            kind: NoteKind::Unsupported,
            message,
        });
    }

    /// Raw HTML: the formatting tags it knows change the formatting, other known tags are dropped (their
    /// text stays), comments go, anything else is text.
    fn html(&mut self, s: &str) {
        let mut rest = s;
        while let Some(lt) = rest.find('<') {
            self.text(&rest[..lt].replace('\n', " "));
            rest = &rest[lt..];
            if rest.starts_with("<!--") {
                match rest.find("-->") {
                    Some(e) => {
                        rest = &rest[e + 3..];
                        continue;
                    }
                    None => break,
                }
            }
            let Some(gt) = rest.find('>') else { break };
            let tag = &rest[1..gt];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let delta = |v: &mut u32| {
                if closing {
                    *v = v.saturating_sub(1)
                } else if !tag.ends_with('/') {
                    *v += 1
                }
            };
            match name.as_str() {
                "b" | "strong" => delta(&mut self.strong),
                "i" | "em" => delta(&mut self.em),
                "br" => self.out.push(Inline::LineBreak),
                "a" if closing => {
                    if let Some(p) = self.links.iter().rposition(|l| l.0) {
                        self.links.remove(p);
                    }
                }
                "a" => {
                    let href = html_attr(tag, "href").filter(|h| !h.is_empty() && h != "#");
                    self.links.push((true, href));
                }
                "img" => {
                    let alt = html_attr(tag, "alt").unwrap_or_default();
                    let src = html_attr(tag, "src").unwrap_or_default();
                    self.text(&alt);
                    self.image_note(&src, &alt);
                }
                "p" | "div" | "li" | "tr" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5"
                | "h6" | "ul" | "ol" | "table" | "tbody" | "thead" | "blockquote" | "pre"
                | "hr" | "section" => self.gap = true,
                "u" | "s" | "strike" | "del" | "ins" | "sup" | "sub" | "span" | "font"
                | "small" | "big" | "mark" | "abbr" | "cite" | "code" | "kbd" | "q" | "tt"
                | "center" => {}
                _ => self.text(&rest[..=gt]),
            }
            rest = &rest[gt + 1..];
        }
        self.text(&rest.replace('\n', " "));
    }
}

fn html_attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        if at > 0 && !lower.as_bytes()[at - 1].is_ascii_whitespace() {
            continue;
        }
        let after = tag[at + name.len()..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

/// The inline content of a paragraph's lines (already stripped of their block syntax).
pub(super) fn md_inlines(
    lines: &[String],
    notes: &mut Vec<Note>,
    lost_links: &mut usize,
) -> Vec<Inline> {
    let src = escape_line_starts(lines);
    let mut b = Inlines {
        out: Vec::new(),
        strong: 0,
        em: 0,
        links: Vec::new(),
        images: Vec::new(),
        gap: false,
        notes,
    };
    for event in Parser::new_ext(&src, Options::empty()) {
        match event {
            Event::Start(Tag::Emphasis) => b.em += 1,
            Event::End(TagEnd::Emphasis) => b.em = b.em.saturating_sub(1),
            Event::Start(Tag::Strong) => b.strong += 1,
            Event::End(TagEnd::Strong) => b.strong = b.strong.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let dest = dest_url.trim();
                let target = if dest.is_empty() || dest == "#" {
                    *lost_links += 1;
                    None
                } else if link_type == LinkType::Email && !dest.starts_with("mailto:") {
                    Some(format!("mailto:{dest}"))
                } else {
                    Some(dest.to_string())
                };
                b.links.push((false, target));
            }
            Event::End(TagEnd::Link) => {
                if let Some(p) = b.links.iter().rposition(|l| !l.0) {
                    b.links.remove(p);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                b.images.push((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((path, alt)) = b.images.pop() {
                    b.image_note(&path, &alt);
                }
            }
            Event::Text(s) | Event::Code(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                b.text(&s)
            }
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.out.push(Inline::LineBreak),
            Event::Html(s) | Event::InlineHtml(s) => b.html(&s),
            Event::FootnoteReference(s) => b.text(&format!("[^{s}]")),
            Event::TaskListMarker(done) => b.text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => b.gap = true,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::HtmlBlock,
            ) => b.gap = true,
            _ => {}
        }
    }
    let mut out = b.out;
    // Trim the paragraph's ends.
    while matches!(out.first(), Some(Inline::LineBreak)) {
        out.remove(0);
    }
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    if let Some(Inline::Text(r)) = out.first_mut() {
        r.text = r.text.trim_start().to_string();
    }
    if let Some(Inline::Text(r)) = out.last_mut() {
        r.text = r.text.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text(r) if r.text.is_empty()));
    out
}
