//! Citations in the caption and the legend: the data files say "paper 004 Eq. (36)"
//! (the project's numbering of its source papers); a figure names the paper by its
//! reference (authors, journal, arXiv). The references come from one place, the library's
//! table of source papers (`data/papers/printed.toml`, read in `report.rs`).

/// A source paper as the figure cites it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PaperRef {
    /// "Altmannshofer et al." (or "Kang and Shigekami" for two authors).
    pub authors: String,
    /// Journal and arXiv number, e.g. "PRD 89 (2014) 095033, arXiv:1403.1269".
    pub publication: String,
    /// The year of the paper's short name ("2014").
    pub year: String,
}

impl PaperRef {
    /// From the library's citation `A. B, C. D, "Title", Journal, arXiv:N` and short name
    /// `B, D 2014`.
    pub(crate) fn parse(citation: &str, short: &str) -> PaperRef {
        let (authors, publication) = match (citation.find(", \""), citation.rfind("\", ")) {
            (Some(a), Some(b)) if b > a => (&citation[..a], &citation[b + 3..]),
            _ => (citation, ""),
        };
        let surname = |name: &str| name.split_whitespace().last().unwrap_or(name).to_string();
        let names: Vec<&str> = authors.split(", ").collect();
        let authors = match names.as_slice() {
            [one] => surname(one),
            [a, b] => format!("{} and {}", surname(a), surname(b)),
            [a, ..] => format!("{} et al.", surname(a)),
            [] => String::new(),
        };
        let year = short.split_whitespace().last().unwrap_or("").to_string();
        PaperRef {
            authors,
            publication: publication.to_string(),
            year,
        }
    }

    /// "Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269".
    pub(crate) fn full(&self) -> String {
        if self.publication.is_empty() {
            self.authors.clone()
        } else {
            format!("{}, {}", self.authors, self.publication)
        }
    }
}

/// Words that start a location inside a paper ("paper 004 Eq. (36)").
const LOCATORS: [&str; 8] = [
    "Eq.", "Eqs.", "Sec.", "Fig.", "Figs.", "Table", "App.", "footnote",
];

/// `text` with every "paper NNN" (or "Paper NNN") replaced through `replace(NNN,
/// locator)`, the locator being a following "Eq. (36)", "Sec. III", ... if there is one
/// (it is consumed). Numbers without a known paper stay as they are.
fn replace_papers(text: &str, replace: &dyn Fn(&str, Option<&str>) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    let find = |t: &str| match (t.find("paper "), t.find("Paper ")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    while let Some(at) = find(rest) {
        let after = &rest[at + "paper ".len()..];
        let number: String = after.chars().take_while(char::is_ascii_digit).collect();
        if number.len() != 3 {
            out.push_str(&rest[..at + "paper ".len()]);
            rest = after;
            continue;
        }
        let mut tail = &after[3..];
        let mut locator = None;
        if let Some(stripped) = tail.strip_prefix(' ') {
            if let Some(word) = LOCATORS.iter().find(|w| stripped.starts_with(*w)) {
                let after_word = &stripped[word.len()..];
                let token_start = after_word.len() - after_word.trim_start().len();
                let token: String = after_word[token_start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                // Punctuation that ends the sentence, and a closing parenthesis that is not
                // part of the locator, stay in the text.
                let mut token = token.trim_end_matches([',', ';', ':', '.']).to_string();
                while token.ends_with(')')
                    && token.matches(')').count() > token.matches('(').count()
                {
                    token.pop();
                }
                let consumed = word.len() + token_start + token.len();
                if !token.is_empty() {
                    locator = Some(format!("{word} {token}"));
                    tail = &stripped[consumed..];
                }
            }
        }
        if let Some(r) = replace(&number, locator.as_deref()) {
            out.push_str(&rest[..at]);
            out.push_str(&r);
            rest = tail;
        } else {
            out.push_str(&rest[..at + "paper ".len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `text` with each "paper NNN [locator]" replaced by the paper's full reference (and the
/// locator after it): for captions.
pub(crate) fn cite_papers(text: &str, papers: &dyn Fn(&str) -> Option<PaperRef>) -> String {
    let cited = std::cell::RefCell::new(Vec::new());
    let replaced = replace_papers(text, &|n, locator| {
        let p = papers(n)?;
        let full = p.full();
        cited.borrow_mut().push(p);
        Some(match locator {
            Some(l) => format!("{full}, {l}"),
            None => full,
        })
    });
    // A paper cited twice ("paper 004 Eq. (36) (W. Altmannshofer et al., PRD 89, 095033
    // (2014))") reads once: a parenthesised short citation of a paper already cited goes.
    let cited = cited.into_inner();
    let repeats = |inner: &str| {
        !inner.contains("arXiv")
            && cited.iter().any(|p| {
                let surname = p.authors.split_whitespace().next().unwrap_or("");
                !surname.is_empty() && inner.contains(surname)
            })
    };
    tidy(&remove_parentheticals(&replaced, repeats))
}

/// `text` with each "paper NNN [locator]" replaced by "Authors YEAR": for legend labels.
pub(crate) fn name_papers(text: &str, papers: &dyn Fn(&str) -> Option<PaperRef>) -> String {
    replace_papers(text, &|n, _| {
        let p = papers(n)?;
        Some(format!("{} {}", p.authors, p.year))
    })
}

/// Journal names as physicists abbreviate them in captions.
const JOURNALS: [(&str, &str); 6] = [
    ("Phys. Rev. Lett.", "PRL"),
    ("Phys. Rev. D", "PRD"),
    ("Phys. Lett. B", "PLB"),
    ("Nucl. Phys. B", "NPB"),
    ("Eur. Phys. J. C", "EPJC"),
    ("Phys. Rept.", "Phys. Rept."),
];

/// Caption text: journals abbreviated, INSPIRE keys (for machines, not readers) left out.
fn tidy(text: &str) -> String {
    let mut t = text.to_string();
    for (long, short) in JOURNALS {
        t = t.replace(long, short);
    }
    remove_parentheticals(&t, |inner| inner.starts_with("INSPIRE "))
}

/// `text` without the parenthesised groups whose content `drop` selects (with the space
/// before them).
fn remove_parentheticals(text: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let mut depth = 0usize;
        let mut close = None;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        let inner = &rest[open + 1..close];
        if drop(inner) {
            out.push_str(rest[..open].trim_end());
        } else {
            out.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The arXiv numbers a reference text names, in order, without repeats ("arXiv:1403.1269",
/// "hep-ex/0602035").
fn arxiv_ids(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |id: String| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    let mut rest = text;
    while let Some(at) = rest.find("arXiv:") {
        let id: String = rest[at + 6..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '/' || *c == '-')
            .collect();
        let id = id.trim_end_matches('.').to_string();
        if !id.is_empty() {
            push(format!("arXiv:{id}"));
        }
        rest = &rest[at + 6..];
    }
    for prefix in ["hep-ex/", "hep-ph/"] {
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let digits: String = rest[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let preceded_by_arxiv = text[..text.len() - rest.len() + at].ends_with("arXiv:");
            if digits.len() == 7 && !preceded_by_arxiv {
                push(format!("{prefix}{digits}"));
            }
            rest = &rest[at + prefix.len()..];
        }
    }
    out
}

/// The text up to the first "; " outside parentheses.
fn first_clause(text: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 && text[i..].starts_with("; ") => return &text[..i],
            _ => {}
        }
    }
    text
}

/// The short citation of a reference text, from its first clause (up to ';': the source;
/// later clauses say how it was used): the arXiv numbers it names (a paper cited as "paper
/// NNN" included), or where it names none, the clause itself with journals abbreviated and
/// parenthesised remarks other than a year left out.
pub(crate) fn short_citation(text: &str, papers: &dyn Fn(&str) -> Option<PaperRef>) -> String {
    let mut first = first_clause(text);
    // "Journal (year): the value ..." - the citation ends where the value starts.
    if let Some(colon) = first.find(": ") {
        let head = &first[..colon];
        if head.contains("arXiv") || head.contains("(19") || head.contains("(20") {
            first = head;
        }
    }
    let resolved = cite_papers(first, papers);
    let ids = arxiv_ids(&resolved);
    if !ids.is_empty() {
        return ids.join(", ");
    }
    let is_year = |inner: &str| inner.len() == 4 && inner.chars().all(|c| c.is_ascii_digit());
    let clause = remove_parentheticals(&resolved, |inner| !is_year(inner));
    clause.trim().trim_end_matches([',', ':']).to_string()
}

/// A legend label as plain caption text: the sub/superscript markup removed ("K_L" ->
/// "KL", "m_{Z′}" -> "mZ′"), escapes resolved.
pub(crate) fn plain_label(label: &str) -> String {
    let mut out = String::new();
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '_' | '^' | '{' | '}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn papers(n: &str) -> Option<PaperRef> {
        (n == "004").then(|| {
            PaperRef::parse(
                "W. Altmannshofer, S. Gori, M. Pospelov, I. Yavin, \"Quark flavor transitions in L_mu - L_tau models\", PRD 89 (2014) 095033, arXiv:1403.1269",
                "Altmannshofer, Gori, Pospelov, Yavin 2014",
            )
        })
    }

    #[test]
    fn paper_numbers_become_references() {
        assert_eq!(
            cite_papers("ratio to the SM from paper 004 Eq. (36); more", &papers),
            "ratio to the SM from Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269, Eq. (36); more"
        );
        assert_eq!(
            cite_papers(
                "from paper 004 Eq. (36) (W. Altmannshofer et al., PRD 89, 095033 (2014))",
                &papers
            ),
            "from Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269, Eq. (36)"
        );
        assert_eq!(
            cite_papers("(paper 004 Sec. IV)", &papers),
            "(Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269, Sec. IV)"
        );
        // An unknown paper number stays.
        assert_eq!(cite_papers("paper 009 Eq. 1", &papers), "paper 009 Eq. 1");
        assert_eq!(
            name_papers("(g−2)_μ (paper 004)", &papers),
            "(g−2)_μ (Altmannshofer et al. 2014)"
        );
        assert!(
            !cite_papers("NA62, JHEP 11 (2025) 143 (INSPIRE NA62:2025upx)", &papers)
                .contains("INSPIRE")
        );
        assert_eq!(
            cite_papers("CCFR, Phys. Rev. Lett. 66, 3117 (1991)", &papers),
            "CCFR, PRL 66, 3117 (1991)"
        );
    }

    #[test]
    fn short_citations_are_arxiv_numbers_or_the_first_clause() {
        assert_eq!(
            short_citation("CCFR, S. R. Mishra et al., Phys. Rev. Lett. 66, 3117 (1991); ratio to the SM from paper 004 Eq. (36)", &papers),
            "CCFR, S. R. Mishra et al., PRL 66, 3117 (1991)"
        );
        assert_eq!(
            short_citation("NA62, JHEP 11 (2025) 143, arXiv:2507.17286 (INSPIRE NA62:2025upx) and arXiv:2507.17286", &papers),
            "arXiv:2507.17286"
        );
        assert_eq!(
            short_citation(
                "C. Y. Pang et al., Phys. Rev. D 8, 1989 (1973); as quoted",
                &papers
            ),
            "C. Y. Pang et al., PRD 8, 1989 (1973)"
        );
        assert_eq!(
            short_citation("G. Bennett, hep-ex/0602035", &papers),
            "hep-ex/0602035"
        );
        assert_eq!(
            short_citation("CHARM-II, P. Vilain et al., Phys. Lett. B 335, 246 (1994): (1.53 +- 0.04 (stat))e-42 (value recalled, UNVERIFIED; consistent with g_V)", &papers),
            "CHARM-II, P. Vilain et al., PLB 335, 246 (1994)"
        );
        assert_eq!(
            cite_papers(
                "Paper 004 (Altmannshofer, Gori, Pospelov, Yavin 2014): inputs",
                &papers
            ),
            "Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269: inputs"
        );
        assert_eq!(
            short_citation("derived as in paper 004 Eq. (29)-(31)", &papers),
            "arXiv:1403.1269"
        );
    }

    #[test]
    fn labels_lose_their_markup() {
        assert_eq!(plain_label("KOTO K_L → π⁰ + inv"), "KOTO KL → π⁰ + inv");
        assert_eq!(plain_label("m_{Z′} \\_x"), "mZ′ _x");
    }
}
