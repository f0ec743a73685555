//! What only `serve` sends: the live-reload script, the page shown while the site does not build, and
//! its style sheet. None of it is ever written into a build.

use super::Broken;

pub const EVENTS: &str = "/__boardpack/events";
pub const RELOAD_JS_PATH: &str = "/__boardpack/reload.js";
pub const ERROR_CSS_PATH: &str = "/__boardpack/error.css";

pub const RELOAD_JS: &str = include_str!("assets/reload.js");
pub const ERROR_CSS: &str = include_str!("assets/error.css");

/// The script element added to every HTML page served; `version` names the build the page is from.
/// External and same-origin, so the theme's `script-src 'self'` policy allows it.
pub fn reload_tag(version: &str) -> String {
    format!(
        r#"<script src="{RELOAD_JS_PATH}?v={}" defer></script>"#,
        escape(version)
    )
}

/// `html` with the reload script before its last `</body>` (at the end when there is none).
pub fn inject(html: &[u8], version: &str) -> Vec<u8> {
    let tag = reload_tag(version);
    let at = rfind_ascii_case_insensitive(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page every HTML request gets while the site does not build: the same diagnostics as the
/// terminal, in an alert the screen reader announces, until a rebuild succeeds and it reloads.
pub fn error_page(broken: &Broken, version: &str) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut found = plural(broken.errors, "error", "errors");
    if broken.warnings > 0 {
        found = format!(
            "{found} and {}",
            plural(broken.warnings, "warning", "warnings")
        );
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site did not build – boardpack serve</title>
<link rel="stylesheet" href="{ERROR_CSS_PATH}">
</head>
<body>
<main>
<div class="alert" role="alert">
<h1>The site did not build</h1>
<p>boardpack found {found}. Fix them and save: this page reloads by itself.</p>
</div>
<section aria-labelledby="problems">
<h2 id="problems">Problems</h2>
<pre tabindex="0" aria-labelledby="problems">{}</pre>
</section>
</main>
{}
</body>
</html>
"#,
        escape(broken.text.trim_end()),
        reload_tag(version),
    )
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end_tag() {
        let html = b"<html><body><pre>&lt;/body&gt;</pre></BODY>\n</html>";
        let out = String::from_utf8(inject(html, "a.1")).unwrap();
        assert_eq!(
            out,
            "<html><body><pre>&lt;/body&gt;</pre><script src=\"/__boardpack/reload.js?v=a.1\" defer></script>\n</BODY>\n</html>"
        );
    }

    #[test]
    fn injects_at_the_end_without_a_body_end_tag() {
        let out = String::from_utf8(inject(b"<p>x", "v")).unwrap();
        assert!(out.starts_with("<p>x<script src="), "{out}");
    }

    #[test]
    fn the_error_page_escapes_the_diagnostics() {
        let broken = Broken {
            errors: 1,
            warnings: 2,
            text: "error: <script>alert('x')</script> & \"more\"\n".into(),
        };
        let page = error_page(&broken, "v");
        let html = scraper::Html::parse_document(&page);
        let pre = scraper::Selector::parse("pre").unwrap();
        let text: String = html.select(&pre).next().unwrap().text().collect();
        assert_eq!(text, "error: <script>alert('x')</script> & \"more\"");
        let scripts = scraper::Selector::parse("script").unwrap();
        let srcs: Vec<_> = html
            .select(&scripts)
            .map(|s| s.value().attr("src").unwrap_or("inline"))
            .collect();
        assert_eq!(srcs, vec!["/__boardpack/reload.js?v=v"]);
        assert!(page.contains("1 error and 2 warnings"));
        let alert = scraper::Selector::parse("[role=alert] h1").unwrap();
        assert_eq!(html.select(&alert).count(), 1);
    }
}
